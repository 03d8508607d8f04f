import { execute, query, readInt, type Dialect, type Op } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { UNKNOWN_LEARNER, type LearnerRef } from "./identity";

export const DEFAULT_SETTINGS = { desiredRetention: 0.9, newCardsPerDay: 20 } as const;

export type LockedLearner = { desiredRetention: number; newCardsPerDay: number; timeZone: string | null };

/**
 * Locks the learner's row for the rest of the transaction, so one learner's writes (from any tab, device or
 * instance) happen one after another. A learner is created here, at their first write, when their cookie was
 * issued by this installation; `create: false` (an undo, say) never creates one. Returns null for a learner
 * with no row when not creating; refuses an unissued cookie with no row (401).
 */
export function* lockLearner(d: Dialect, learner: LearnerRef, now: Date, { create = true } = {}): Op<LockedLearner | null> {
  if (create && learner.issued) {
    yield* execute(
      `INSERT INTO "Learner" ("id", "desiredRetention", "newCardsPerDay", "timeZone", "createdAt") VALUES ($1, $2, $3, $4, $5) ON CONFLICT ("id") DO NOTHING`,
      [learner.id, DEFAULT_SETTINGS.desiredRetention, DEFAULT_SETTINGS.newCardsPerDay, learner.timeZone, now],
    );
  }
  const [row] = yield* query<{ desiredRetention: number; newCardsPerDay: unknown; timeZone: string | null }>(
    `SELECT "desiredRetention", "newCardsPerDay", "timeZone" FROM "Learner" WHERE "id" = $1${d.forUpdate}`,
    [learner.id],
  );
  if (!row) {
    if (learner.issued && !create) return null;
    throw new AppError("unauthorized", UNKNOWN_LEARNER, 401);
  }
  return { desiredRetention: Number(row.desiredRetention), newCardsPerDay: readInt(row.newCardsPerDay), timeZone: row.timeZone };
}
