import { execute, query, readBool, readInt, readTime, readTimeOrNull, runSql, type Dialect, type Op } from "@/lib/db";
import { FALLBACK_TIME_ZONE } from "@/lib/calendar";
import { AppError } from "@/lib/errors";
import { lockLearner, type LearnerRef, type LockedLearner } from "@/lib/learner";
import { decodeMemory, encodeMemory, usableMemory } from "./memory-codec";
import { dueBeforeInterview } from "./plan";
import { applyGrade, State, type Grade, type MemoryState } from "./scheduler";

/*
 * Reviews, in raw SQL (lib/db/sql.ts): the hot path of study. Grading is one transaction of a few statements
 * that writes the new FSRS state and a review log holding the state before it, which is what undo restores.
 * The learner's row is locked first, so one learner's grades and undos, from any tab or instance, happen one
 * after another. The same operations run on SQLite and on PostgreSQL.
 */

export type ReviewErrorCode = "unknown_card" | "card_retired" | "nothing_to_undo" | "unknown_review" | "review_superseded";

/** A review that cannot be done. */
export class ReviewError extends AppError<ReviewErrorCode> {}

export type GradeInput = {
  learner: LearnerRef;
  cardId: string;
  rating: Grade;
  durationMs: number;
  now?: Date;
};

export type GradeResult = { reviewId: number; cardId: string; rating: Grade; state: MemoryState };

const MEMORY_COLUMNS = `"due", "stability", "difficulty", "elapsedDays", "scheduledDays", "learningSteps", "reps", "lapses", "state", "lastReview"`;

function memoryOf(row: Record<string, unknown>): MemoryState {
  return {
    due: readTime(row.due),
    stability: Number(row.stability),
    difficulty: Number(row.difficulty),
    elapsedDays: readInt(row.elapsedDays),
    scheduledDays: readInt(row.scheduledDays),
    learningSteps: readInt(row.learningSteps),
    reps: readInt(row.reps),
    lapses: readInt(row.lapses),
    state: readInt(row.state),
    lastReview: readTimeOrNull(row.lastReview),
  };
}

/** FSRS's next state, its due date brought before the learner's interview when one is set (see plan.ts). */
function scheduleFor(settings: LockedLearner, before: MemoryState | null, rating: Grade, now: Date): MemoryState {
  const after = applyGrade(before, rating, now, settings.desiredRetention);
  return dueBeforeInterview(after, now, { interviewDate: settings.interviewDate, timeZone: settings.timeZone ?? FALLBACK_TIME_ZONE });
}

const memoryValues = (m: MemoryState) => [m.due, m.stability, m.difficulty, m.elapsedDays, m.scheduledDays, m.learningSteps, m.reps, m.lapses, m.state, m.lastReview];

/** Writes a card's memory state, whether or not the learner has one for it yet. */
function* saveMemory(learnerId: string, cardId: string, memory: MemoryState): Op<void> {
  yield* execute(
    `INSERT INTO "CardState" ("learnerId", "cardId", ${MEMORY_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT ("learnerId", "cardId") DO UPDATE SET "due" = $3, "stability" = $4, "difficulty" = $5, "elapsedDays" = $6,
       "scheduledDays" = $7, "learningSteps" = $8, "reps" = $9, "lapses" = $10, "state" = $11, "lastReview" = $12`,
    [learnerId, cardId, ...memoryValues(memory)],
  );
}

/** gradeCard inside an operation whose learner is already locked (a quiz answer grades its card this way). */
export function* gradeLocked(learnerId: string, settings: LockedLearner, input: Omit<GradeInput, "learner" | "now"> & { now: Date }): Op<GradeResult> {
  const { cardId, rating, durationMs, now } = input;
  const [card] = yield* query(
    `SELECT c."retired", s."due", s."stability", s."difficulty", s."elapsedDays", s."scheduledDays",
       s."learningSteps", s."reps", s."lapses", s."state", s."lastReview"
     FROM "Card" c LEFT JOIN "CardState" s ON s."cardId" = c."id" AND s."learnerId" = $2 WHERE c."id" = $1`,
    [cardId, learnerId],
  );
  if (!card) throw new ReviewError("unknown_card", `There is no card with id "${cardId}".`, 404, ["cardId"]);
  if (readBool(card.retired)) {
    throw new ReviewError("card_retired", `Card "${cardId}" has been retired from the deck.`, 409, ["cardId"]);
  }
  const stored = card.state === null || card.state === undefined ? null : memoryOf(card);
  // A state FSRS cannot use (imported before imports were checked) is graded as a new card, not refused.
  const before = stored && usableMemory(stored, now) ? stored : null;
  const after = scheduleFor(settings, before, rating, now);
  yield* saveMemory(learnerId, cardId, after);
  const [log] = yield* query<{ id: unknown }>(
    `INSERT INTO "ReviewLog" ("learnerId", "cardId", "rating", "stateBefore", "stateAfter", "dueBefore", "dueAfter", "reviewedAt", "durationMs", "previous")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING "id"`,
    [learnerId, cardId, rating, stored?.state ?? State.New, after.state, stored?.due ?? now, after.due, now, Math.round(durationMs), encodeMemory(stored)],
  );
  return { reviewId: readInt(log!.id), cardId, rating, state: after };
}

export function* gradeOp(d: Dialect, { learner, now = new Date(), ...input }: GradeInput): Op<GradeResult> {
  const settings = (yield* lockLearner(d, learner, now))!;
  return yield* gradeLocked(settings.id, settings, { ...input, now });
}

/** Grades one card for one learner, in one transaction. */
export function gradeCard(input: GradeInput): Promise<GradeResult> {
  return runSql((d) => gradeOp(d, input));
}

/** Takes back the learner's most recent grade: the card returns to its state before, and the log is removed. */
export function undoLastReview(learner: LearnerRef, now = new Date()): Promise<{ reviewId: number; cardId: string; rating: number; state: MemoryState | null }> {
  return runSql(function* (d) {
    const settings = yield* lockLearner(d, learner, now, { create: false });
    // By time, not row id: an imported history is inserted after the learner's own reviews.
    const [last] = settings
      ? yield* query(`SELECT "id", "cardId", "rating", "previous" FROM "ReviewLog" WHERE "learnerId" = $1 ORDER BY "reviewedAt" DESC, "id" DESC LIMIT 1`, [
          settings.id,
        ])
      : [];
    if (!last) throw new ReviewError("nothing_to_undo", "There is no review to undo.", 409);
    const cardId = String(last.cardId);
    let restored: MemoryState | null;
    try {
      restored = decodeMemory(last.previous as string | null);
    } catch {
      restored = null; // a log this app did not write: undoing it forgets the card's state, as for a new card
    }
    if (restored) yield* saveMemory(settings!.id, cardId, restored);
    else yield* execute(`DELETE FROM "CardState" WHERE "learnerId" = $1 AND "cardId" = $2`, [settings!.id, cardId]);
    yield* execute(`DELETE FROM "ReviewLog" WHERE "id" = $1`, [last.id]);
    return { reviewId: readInt(last.id), cardId, rating: readInt(last.rating), state: restored };
  });
}

/**
 * Changes the grade of an earlier review, as if it had been given then: only while it is still the card's
 * latest review, since later reviews were scheduled from its outcome. The learner is locked by the caller.
 */
export function* changeGradeLocked(learnerId: string, settings: LockedLearner, reviewId: number, rating: Grade): Op<{ cardId: string }> {
  const [log] = yield* query(`SELECT "id", "cardId", "reviewedAt", "previous" FROM "ReviewLog" WHERE "id" = $1 AND "learnerId" = $2`, [reviewId, learnerId]);
  if (!log) throw new ReviewError("unknown_review", "There is no such review.", 404);
  const [later] = yield* query<{ n: unknown }>(
    `SELECT count(*) AS "n" FROM "ReviewLog" WHERE "learnerId" = $1 AND "cardId" = $2 AND ("reviewedAt" > $3 OR ("reviewedAt" = $3 AND "id" > $4))`,
    [learnerId, log.cardId, readTime(log.reviewedAt), log.id],
  );
  if (readInt(later!.n) > 0) {
    throw new ReviewError("review_superseded", "This card has been reviewed again since; its grade can no longer change.", 409);
  }
  const reviewedAt = readTime(log.reviewedAt);
  const stored = decodeMemory(log.previous as string | null);
  const before = stored && usableMemory(stored, reviewedAt) ? stored : null;
  const after = scheduleFor(settings, before, rating, reviewedAt);
  const cardId = String(log.cardId);
  yield* saveMemory(learnerId, cardId, after);
  yield* execute(`UPDATE "ReviewLog" SET "rating" = $2, "stateAfter" = $3, "dueAfter" = $4 WHERE "id" = $1`, [log.id, rating, after.state, after.due]);
  return { cardId };
}
