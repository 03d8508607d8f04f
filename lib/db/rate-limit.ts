import { execute, query, readInt, readTime, type Op } from "./sql";

/**
 * Counts one use of `key` in a fixed window of `windowMs`; true while the count stays within `limit`. Kept
 * in the database (table RateLimit), so every instance counts alike. Run it in the operation of the thing it
 * limits, or on its own.
 */
export function* consumeRateLimit(key: string, limit: number, windowMs: number, now: Date): Op<boolean> {
  const [row] = yield* query(`SELECT "windowStart", "count" FROM "RateLimit" WHERE "key" = $1`, [key]);
  if (!row || now.getTime() - readTime(row.windowStart).getTime() >= windowMs) {
    yield* execute(
      `INSERT INTO "RateLimit" ("key", "windowStart", "count") VALUES ($1, $2, 1) ON CONFLICT ("key") DO UPDATE SET "windowStart" = $2, "count" = 1`,
      [key, now],
    );
    return true;
  }
  if (readInt(row.count) >= limit) return false;
  yield* execute(`UPDATE "RateLimit" SET "count" = "count" + 1 WHERE "key" = $1`, [key]);
  return true;
}

/**
 * Takes a lease on `key` for at most `ttlMs` (a crashed holder's lease runs out): true when taken, false when
 * someone holds it. Release it with releaseLease.
 */
export function* takeLease(key: string, ttlMs: number, now: Date): Op<boolean> {
  const taken = yield* execute(
    `INSERT INTO "RateLimit" ("key", "windowStart", "count") VALUES ($1, $2, 1)
     ON CONFLICT ("key") DO UPDATE SET "windowStart" = $2, "count" = 1 WHERE "RateLimit"."windowStart" < $3 OR "RateLimit"."count" = 0`,
    [key, now, new Date(now.getTime() - ttlMs)],
  );
  return taken > 0;
}

export function* releaseLease(key: string): Op<void> {
  yield* execute(`UPDATE "RateLimit" SET "count" = 0 WHERE "key" = $1`, [key]);
}
