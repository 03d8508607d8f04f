import "server-only";
import { consumeRateLimit, execute, query, readInt, readTime, runSql } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { lockLearner, type LearnerRef } from "@/lib/learner";
import { hashCode, normalizeCode, randomCode, sameHash } from "./codes";
import { signInAs, type SignedIn } from "./sign-in";

export const LINK_CODE_LENGTH = 8;
/** The first characters of a link code find it; the rest is secret. */
const LOCATOR_LENGTH = 3;
export const LINK_LIFETIME_MS = 10 * 60_000;
export const LINK_TRIES = 5;
/** Codes typed at one client address (any code, right or wrong) per quarter of an hour, on every instance. */
export const CODE_TRIES_PER_ADDRESS = 20;
const ADDRESS_WINDOW_MS = 15 * 60_000;

const refused = () => new AppError("code_not_accepted", "That code does not sign in: it may be mistyped, used or expired.", 400, ["code"]);

/** A one-time code that signs another device in as this learner, for ten minutes. */
export async function createDeviceLink(learner: LearnerRef, now = new Date()): Promise<{ code: string; expiresAt: Date }> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const code = randomCode(LINK_CODE_LENGTH);
    const expiresAt = new Date(now.getTime() + LINK_LIFETIME_MS);
    const taken = await runSql(function* (d) {
      const locked = (yield* lockLearner(d, learner, now))!;
      // A locator is reused only once its code is over: used, burned or expired.
      const changed = yield* execute(
        `INSERT INTO "DeviceLink" ("locator", "codeHash", "learnerId", "createdAt", "expiresAt", "failedTries") VALUES ($1, $2, $3, $4, $5, 0)
         ON CONFLICT ("locator") DO UPDATE SET "codeHash" = $2, "learnerId" = $3, "createdAt" = $4, "expiresAt" = $5, "usedAt" = NULL, "failedTries" = 0
         WHERE "DeviceLink"."expiresAt" <= $4 OR "DeviceLink"."usedAt" IS NOT NULL OR "DeviceLink"."failedTries" >= $6`,
        [code.slice(0, LOCATOR_LENGTH), hashCode(code), locked.id, now, expiresAt, LINK_TRIES],
      );
      return changed > 0;
    });
    if (taken) return { code, expiresAt };
  }
  throw new AppError("try_again", "Could not make a code just now; try again.", 503);
}

/**
 * Signs this device in with a code from another one. Refused alike whether the code is unknown, mistyped,
 * used, expired or burned; a wrong code counts against the code it names (five burn it) and against this
 * client address.
 */
export async function redeemDeviceLink(learner: LearnerRef, text: string, address: string, now = new Date()): Promise<SignedIn> {
  const code = normalizeCode(text, LINK_CODE_LENGTH);
  const learnerId = await runSql(function* () {
    if (!(yield* consumeRateLimit(`code-address:${address}`, CODE_TRIES_PER_ADDRESS, ADDRESS_WINDOW_MS, now))) return "limited" as const;
    if (!code) return null;
    const [link] = yield* query(`SELECT "codeHash", "learnerId", "expiresAt", "usedAt", "failedTries" FROM "DeviceLink" WHERE "locator" = $1`, [code.slice(0, LOCATOR_LENGTH)]);
    if (!link || link.usedAt !== null || readTime(link.expiresAt) <= now || readInt(link.failedTries) >= LINK_TRIES) return null;
    if (!sameHash(String(link.codeHash), hashCode(code))) {
      yield* execute(`UPDATE "DeviceLink" SET "failedTries" = "failedTries" + 1 WHERE "locator" = $1`, [code.slice(0, LOCATOR_LENGTH)]);
      return null;
    }
    yield* execute(`UPDATE "DeviceLink" SET "usedAt" = $2 WHERE "locator" = $1`, [code.slice(0, LOCATOR_LENGTH), now]);
    return String(link.learnerId);
  });
  if (learnerId === "limited") throw new AppError("too_many_tries", "Too many codes tried from here; wait a quarter of an hour.", 429);
  if (!learnerId) throw refused();
  return signInAs(learner, learnerId, now);
}
