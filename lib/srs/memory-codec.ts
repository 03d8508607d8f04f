import { z } from "zod";
import type { MemoryState } from "./scheduler";

/*
 * The one codec of a stored memory state: ReviewLog.previous holds the card's FSRS state before the review as
 * JSON (null for a new card), which is what undo restores. It is written here and read back here, validated.
 */

const memoryStateSchema = z.object({
  due: z.coerce.date(),
  stability: z.number(),
  difficulty: z.number(),
  elapsedDays: z.number().int(),
  scheduledDays: z.number().int(),
  learningSteps: z.number().int(),
  reps: z.number().int(),
  lapses: z.number().int(),
  state: z.number().int(),
  lastReview: z.coerce.date().nullable().default(null),
});

/** Only the scheduling columns, whatever else the row carries (a CardState row has its keys too). */
export function pickMemory(row: MemoryState): MemoryState {
  return memoryStateSchema.parse(row);
}

export function encodeMemory(state: MemoryState | null): string | null {
  return state ? JSON.stringify(pickMemory(state)) : null;
}

/** Throws when the JSON is not a memory state this app wrote. */
export function decodeMemory(json: string | null): MemoryState | null {
  return json === null ? null : memoryStateSchema.parse(JSON.parse(json));
}

/**
 * Whether FSRS can schedule from this state: what the app itself writes always can. An impossible state
 * (stability 0, difficulty outside 1–10, a review in the future, a reviewed card with no last review) is
 * treated as a new card by the callers instead of failing the learner's grade.
 */
export function usableMemory(memory: MemoryState, now: Date): boolean {
  const finite = [memory.stability, memory.difficulty].every(Number.isFinite) && !Number.isNaN(memory.due.getTime());
  // A new card's state starts at stability 0 and difficulty 0 (ts-fsrs createEmptyCard).
  const fresh = memory.state === 0;
  const inRange = Number.isInteger(memory.state) && memory.state >= 0 && memory.state <= 3 && (fresh || (memory.stability > 0 && memory.difficulty >= 1 && memory.difficulty <= 10));
  const counts = [memory.elapsedDays, memory.scheduledDays, memory.learningSteps, memory.reps, memory.lapses].every((n) => Number.isInteger(n) && n >= 0);
  const reviewed = memory.lastReview === null ? memory.state === 0 : memory.lastReview.getTime() <= now.getTime();
  return finite && inRange && counts && reviewed;
}
