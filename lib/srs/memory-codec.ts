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
