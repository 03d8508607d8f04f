import { execute, query, readInt, type Dialect, type Op } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { UNKNOWN_LEARNER, type LearnerRef } from "./identity";
import { sessionLearner, storeSession } from "./session";

export const DEFAULT_SETTINGS = { desiredRetention: 0.9, newCardsPerDay: 20 } as const;

export type LockedLearner = { id: string; desiredRetention: number; newCardsPerDay: number; timeZone: string | null; interviewDate: string | null };

/**
 * Finds the learner of the request's session and locks their row for the rest of the transaction, so one
 * learner's writes (from any tab, device or instance) happen one after another. A learner (and the device's
 * session) is created here, at the first write, when the cookie was issued by this installation; `create:
 * false` (an undo, say) never creates one and gives null. A session that has ended, or an unissued cookie with
 * no learner, is refused (401).
 */
export function* lockLearner(d: Dialect, learner: LearnerRef, now: Date, { create = true } = {}): Op<LockedLearner | null> {
  // Sessions live on the wall clock; `now` is when the learner's act happened (a test may set it in the past).
  const found = yield* sessionLearner(learner.session, new Date());
  if (found === null) throw new AppError("session_ended", "This device was signed out: open the app in a browser again.", 401);
  const learnerId = found.learnerId;
  // A device's first write: its learner (the session's own hash) and its session row come into being.
  if (create && !found.stored && (learner.issued || (yield* query(`SELECT 1 AS "x" FROM "Learner" WHERE "id" = $1`, [learnerId])).length > 0)) {
    yield* execute(
      `INSERT INTO "Learner" ("id", "desiredRetention", "newCardsPerDay", "timeZone", "createdAt") VALUES ($1, $2, $3, $4, $5) ON CONFLICT ("id") DO NOTHING`,
      [learnerId, DEFAULT_SETTINGS.desiredRetention, DEFAULT_SETTINGS.newCardsPerDay, learner.timeZone, now],
    );
    yield* storeSession(learner.session, learnerId, learner.userAgent, new Date());
  }
  const [row] = yield* query<{ desiredRetention: number; newCardsPerDay: unknown; timeZone: string | null; interviewDate: string | null }>(
    `SELECT "desiredRetention", "newCardsPerDay", "timeZone", "interviewDate" FROM "Learner" WHERE "id" = $1${d.forUpdate}`,
    [learnerId],
  );
  if (!row) {
    if (learner.issued && !create) return null;
    throw new AppError("unauthorized", UNKNOWN_LEARNER, 401);
  }
  return {
    id: learnerId,
    desiredRetention: Number(row.desiredRetention),
    newCardsPerDay: readInt(row.newCardsPerDay),
    timeZone: row.timeZone,
    interviewDate: row.interviewDate,
  };
}
