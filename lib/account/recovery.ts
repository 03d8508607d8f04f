import "server-only";
import { consumeRateLimit, prisma, query, runSql } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { LearnerRef } from "@/lib/learner";
import { hashCode, normalizeCode } from "./codes";
import { CODE_TRIES_PER_ADDRESS } from "./links";
import { signInAs, type SignedIn } from "./sign-in";

const RECOVERY_CODE_LENGTH = 10;

/** Signs in with one of the account's recovery codes, when every device is lost; each code works once. */
export async function signInWithRecoveryCode(learner: LearnerRef, text: string, address: string, now = new Date()): Promise<SignedIn> {
  const code = normalizeCode(text, RECOVERY_CODE_LENGTH);
  const learnerId = await runSql(function* () {
    if (!(yield* consumeRateLimit(`code-address:${address}`, CODE_TRIES_PER_ADDRESS, 15 * 60_000, now))) return "limited" as const;
    if (!code) return null;
    const [row] = yield* query(`UPDATE "RecoveryCode" SET "usedAt" = $2 WHERE "codeHash" = $1 AND "usedAt" IS NULL RETURNING "learnerId"`, [hashCode(code), now]);
    return row ? String(row.learnerId) : null;
  });
  if (learnerId === "limited") throw new AppError("too_many_tries", "Too many codes tried from here; wait a quarter of an hour.", 429);
  if (!learnerId) throw new AppError("code_not_accepted", "That code does not sign in: it may be mistyped or used.", 400, ["code"]);
  return signInAs(learner, learnerId, now);
}

/** How many unused recovery codes the learner has left. */
export function recoveryCodesLeft(learnerId: string): Promise<number> {
  return prisma.recoveryCode.count({ where: { learnerId, usedAt: null } });
}

