import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { prisma } from "@/lib/db";
import { LEARNER_COOKIE, learnerIdFromToken } from "./identity";

export { LEARNER_COOKIE, learnerCookie, learnerIdFromToken, newLearnerToken } from "./identity";

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

export async function getSettings(learnerId: string): Promise<LearnerSettings> {
  const learner = await prisma.learner.findUnique({
    where: { id: learnerId },
    select: { desiredRetention: true, newCardsPerDay: true },
  });
  return learner ?? { ...DEFAULT_SETTINGS };
}
