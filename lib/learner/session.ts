import { execute, query, readSql, readTime, readTimeOrNull, type Op } from "@/lib/db";

/** A device unused this long is signed out. */
export const SESSION_LIFETIME_MS = 90 * 24 * 60 * 60 * 1000;
/** lastSeenAt is written at most this often: not a write per request. */
const SEEN_EVERY_MS = 60 * 60 * 1000;

/**
 * A session replaced by sign-in stays "replaced", not ended, this long: requests the browser sent just before
 * (a link prefetch) come back after its new cookie, and must not give it yet another one.
 */
export const REPLACED_GRACE_MS = 60_000;

export type SessionStatus =
  | { state: "active"; learnerId: string }
  | { state: "pending"; learnerId: string }
  | { state: "replaced" }
  | { state: "ended" };

type SessionRow = { learnerId: string; endedAt: Date | null; lastSeenAt: Date };

const ended = (row: SessionRow, now: Date) => row.endedAt !== null || now.getTime() - row.lastSeenAt.getTime() > SESSION_LIFETIME_MS;

/** A session's row, or undefined for a token no write has used yet. */
function* readSession(session: string): Op<SessionRow | undefined> {
  const [row] = yield* query(`SELECT "learnerId", "endedAt", "lastSeenAt" FROM "Session" WHERE "id" = $1`, [session]);
  return row && { learnerId: String(row.learnerId), endedAt: readTimeOrNull(row.endedAt), lastSeenAt: readTime(row.lastSeenAt) };
}

/**
 * What a cookie's session (its token's hash) is now: a device's row names its learner ("active") or says it was
 * signed out, revoked or left unused for 90 days ("ended"), or replaced by a sign-in within the last minute
 * ("replaced": it reaches no one's data, but the browser keeps its cookie); a token no write has used yet has no
 * row, and its learner is the hash itself ("pending").
 */
export async function sessionStatus(session: string, now = new Date()): Promise<SessionStatus> {
  // Raw SQL: every request with a cookie asks this, and Prisma's query compiler was a sixth of a grade's CPU time.
  const row = await readSql(() => readSession(session));
  if (!row) return { state: "pending", learnerId: session };
  if (row.endedAt !== null && row.endedAt > now) return { state: "replaced" };
  return ended(row, now) ? { state: "ended" } : { state: "active", learnerId: row.learnerId };
}

/**
 * Inside a write: the learner the session belongs to (for a session with no row yet, its own hash), or null
 * when it has ended or been replaced. Records when the device was last seen, hourly at most.
 */
export function* sessionLearner(session: string, now: Date): Op<{ learnerId: string; stored: boolean } | null> {
  const row = yield* readSession(session);
  if (!row) return { learnerId: session, stored: false };
  if (ended(row, now)) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > SEEN_EVERY_MS) yield* execute(`UPDATE "Session" SET "lastSeenAt" = $2 WHERE "id" = $1`, [session, now]);
  return { learnerId: row.learnerId, stored: true };
}

/** The row of a device's session, made at its first write (after its learner's). */
export function* storeSession(session: string, learnerId: string, userAgent: string, now: Date): Op<void> {
  yield* execute(`INSERT INTO "Session" ("id", "learnerId", "createdAt", "lastSeenAt", "userAgent") VALUES ($1, $2, $3, $3, $4) ON CONFLICT ("id") DO NOTHING`, [
    session,
    learnerId,
    now,
    userAgent.slice(0, 300),
  ]);
}
