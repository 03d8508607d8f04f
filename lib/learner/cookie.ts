import { prisma } from "@/lib/db";

export { LEARNER_COOKIE, learnerCookie, newLearnerToken, readLearnerToken } from "./identity";
export { learnerCookieKey } from "./secret";

const known = new Set<string>();

/** Whether a learner row exists; a yes is remembered, since learners are not deleted while the app runs. */
export async function knownLearner(id: string): Promise<boolean> {
  if (known.has(id)) return true;
  const exists = (await prisma.learner.count({ where: { id } })) > 0;
  if (exists) {
    if (known.size > 10_000) known.clear();
    known.add(id);
  }
  return exists;
}
