import { createEmptyCard, fsrs, Rating, State, type Card as FsrsCard, type Grade } from "ts-fsrs";

export { Rating, State };
export type { Grade };

export const GRADES = [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy] as const satisfies readonly Grade[];

/** The scheduling columns of a CardState row (ts-fsrs's Card, in the database's names). */
export type MemoryState = {
  due: Date;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  state: number;
  lastReview: Date | null;
};

// Fuzz is off so the interval printed on a grade button is exactly the one the grade gives.
export function schedulerFor(desiredRetention: number) {
  return fsrs({ request_retention: desiredRetention, enable_fuzz: false });
}

export function toFsrsCard(memory: MemoryState | null, now: Date): FsrsCard {
  if (!memory) return createEmptyCard(now);
  return {
    due: memory.due,
    stability: memory.stability,
    difficulty: memory.difficulty,
    elapsed_days: memory.elapsedDays,
    scheduled_days: memory.scheduledDays,
    learning_steps: memory.learningSteps,
    reps: memory.reps,
    lapses: memory.lapses,
    state: memory.state as State,
    last_review: memory.lastReview ?? undefined,
  };
}

export function toMemoryState(card: FsrsCard): MemoryState {
  return {
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    lastReview: card.last_review ?? null,
  };
}

/** What each grade would do to this card now. */
export function nextStates(memory: MemoryState | null, now: Date, desiredRetention: number) {
  const preview = schedulerFor(desiredRetention).repeat(toFsrsCard(memory, now), now);
  return Object.fromEntries(GRADES.map((grade) => [grade, toMemoryState(preview[grade].card)])) as Record<
    Grade,
    MemoryState
  >;
}

export function applyGrade(memory: MemoryState | null, grade: Grade, now: Date, desiredRetention: number): MemoryState {
  return toMemoryState(schedulerFor(desiredRetention).next(toFsrsCard(memory, now), now, grade).card);
}

const DAY_MS = 86_400_000;
const curve = fsrs();

/**
 * The chance of recalling a card at `at`, on FSRS's forgetting curve (ts-fsrs `forgetting_curve`, the curve its
 * `get_retrievability` uses) from the card's stability and last review. Elapsed time counts in fractions of a
 * day: a card relearning with a stability of a few hours is not "certain" until a whole day has passed, as
 * `get_retrievability`'s whole days would have it. A card never reviewed counts as 0.
 */
export function predictedRecall(memory: Pick<MemoryState, "state" | "stability" | "lastReview"> | null, at: Date): number {
  if (!memory || memory.state === State.New || memory.lastReview === null || !(memory.stability > 0)) return 0;
  const elapsedDays = Math.max(0, at.getTime() - memory.lastReview.getTime()) / DAY_MS;
  return curve.forgetting_curve(elapsedDays, memory.stability);
}
