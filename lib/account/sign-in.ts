import "server-only";
import { execute, prisma, query, runSql } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { learnerCookieKey, type LearnerRef } from "@/lib/learner";
import { mergeInto, progressPayload, type ImportReport } from "@/lib/transfer";
import { rotateSession } from "./sessions";

export type SignedIn = { token: string; merged: ImportReport | null };

/** An account is a learner with a passkey (or a device linked to one). */
export async function hasPasskey(learnerId: string): Promise<boolean> {
  return (await prisma.passkey.count({ where: { learnerId } })) > 0;
}

/**
 * The end of every sign-in on this device, by passkey, recovery code or device link. Progress this device made
 * anonymously joins the account by the import's rules (idempotent, the later card state wins, nothing lost; the
 * account keeps its settings) and leaves the anonymous learner; then the device's session moves to the account
 * under a fresh token. A device already signed in to another account just moves: accounts are never merged.
 */
export async function signInAs(learner: LearnerRef, accountId: string, now = new Date()): Promise<SignedIn> {
  const fromId = learner.id;
  const anonymous =
    fromId !== accountId && !(await hasPasskey(fromId)) && (await prisma.learner.count({ where: { id: fromId } })) > 0 && !(await linkedElsewhere(fromId, learner.session));
  const payload = anonymous ? await progressPayload(fromId) : null;
  const key = await learnerCookieKey();
  return runSql(function* (d) {
    const [account] = yield* query(`SELECT "id" FROM "Learner" WHERE "id" = $1${d.forUpdate}`, [accountId]);
    if (!account) throw new AppError("sign_in_failed", "That could not sign you in.", 400);
    let merged: ImportReport | null = null;
    if (payload) {
      merged = yield* mergeInto(accountId, payload, { takeSettings: false });
      for (const table of ["Quiz", "ReviewLog", "CardState"]) yield* execute(`DELETE FROM "${table}" WHERE "learnerId" = $1`, [fromId]);
    }
    const token = yield* rotateSession(learner, accountId, key, now);
    return { token, merged };
  });
}

/** Whether other devices still use this learner: then it is someone's shared progress, not this device's alone. */
async function linkedElsewhere(learnerId: string, session: string): Promise<boolean> {
  return (await prisma.session.count({ where: { learnerId, endedAt: null, id: { not: session } } })) > 0;
}
