import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { prisma } from "@/lib/db";
import { LEARNER_COOKIE, learnerIdFromToken } from "./identity";

export { LEARNER_COOKIE, learnerCookie, learnerIdFromToken, newLearnerToken, UNKNOWN_LEARNER } from "./identity";

export const DEFAULT_SETTINGS = { desiredRetention: 0.9, newCardsPerDay: 20 } as const;
export type LearnerSettings = { desiredRetention: number; newCardsPerDay: number };

/**
 * The learner behind this request's cookie, created on first sight. The proxy gives every browser a cookie
 * on its first page view, so pages and server actions always have one.
 */
export const getLearnerId = cache(async (): Promise<string> => {
  const learnerId = learnerIdFromToken((await cookies()).get(LEARNER_COOKIE)?.value);
  if (!learnerId) throw new Error("No learner cookie on a page request: is proxy.ts running?");
  await prisma.learner.upsert({ where: { id: learnerId }, create: { id: learnerId }, update: {} });
  return learnerId;
});

/**
 * The learner a JSON request acts for, from its cookie; null for a missing or malformed one. Whether this
 * installation knows the learner is checked where the work happens, inside its transaction, so the hot path
 * pays no extra query and a made-up cookie is still refused with a 401 there.
 */
export async function requestLearnerId(): Promise<string | null> {
  return learnerIdFromToken((await cookies()).get(LEARNER_COOKIE)?.value);
}

export async function getSettings(learnerId: string): Promise<LearnerSettings> {
  const learner = await prisma.learner.findUnique({
    where: { id: learnerId },
    select: { desiredRetention: true, newCardsPerDay: true },
  });
  return learner ?? { ...DEFAULT_SETTINGS };
}
