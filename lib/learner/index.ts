import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { prisma } from "@/lib/db";
import { FALLBACK_TIME_ZONE, isTimeZone } from "@/lib/calendar";
import { LEARNER_COOKIE, readLearnerToken, type LearnerRef } from "./identity";
import { learnerCookieKey } from "./secret";
import { sessionStatus } from "./session";
import { DEFAULT_SETTINGS } from "./store";

export { LEARNER_COOKIE, learnerCookie, learnerIdOf, newLearnerToken, readLearnerToken, UNKNOWN_LEARNER, type LearnerRef } from "./identity";
export { learnerCookieKey } from "./secret";
export { DEFAULT_SETTINGS, lockLearner, type LockedLearner } from "./store";
export { REPLACED_GRACE_MS, SESSION_LIFETIME_MS, sessionStatus, storeSession, type SessionStatus } from "./session";

/** The time zone the browser reported, kept in a cookie until the learner's row can hold it. */
export const TIME_ZONE_COOKIE = "bn_tz";

export type LearnerSettings = {
  desiredRetention: number;
  newCardsPerDay: number;
  timeZone: string;
  timeZoneKnown: boolean;
  /** the interview's day in the learner's zone, "2026-06-29"; null when none is set */
  interviewDate: string | null;
};

/** The learner behind a cookie, or null for a missing, malformed, made-up or ended one. */
async function learnerFrom(cookie: (name: string) => string | undefined, userAgent: string): Promise<LearnerRef | null> {
  const token = readLearnerToken(cookie(LEARNER_COOKIE), await learnerCookieKey());
  if (!token) return null;
  const status = await sessionStatus(token.session);
  if (status.state === "ended") return null;
  const zone = cookie(TIME_ZONE_COOKIE);
  const timeZone = isTimeZone(zone) ? zone : null;
  // A replaced session's late requests see an empty anonymous learner and can write nothing.
  if (status.state === "replaced") return { session: token.session, issued: false, id: token.session, timeZone, userAgent };
  return { ...token, id: status.learnerId, timeZone, userAgent };
}

async function learnerFromCookies(): Promise<LearnerRef | null> {
  const [jar, head] = await Promise.all([cookies(), headers()]);
  return learnerFrom((name) => jar.get(name)?.value, head.get("user-agent") ?? "");
}

/**
 * The learner of this page request or server action. proxy.ts gives every browser a signed cookie on its first
 * page view; nothing is stored until the learner's first write (a grade, a quiz, settings), so a visit costs
 * the database nothing.
 */
export const getLearner = cache(async (): Promise<LearnerRef> => {
  const learner = await learnerFromCookies();
  if (!learner) throw new Error("No valid learner cookie on a page request: is proxy.ts running?");
  return learner;
});

/** The learner behind this page request's cookie, or null when it has none (a path the proxy does not see). */
export async function requestLearner(): Promise<LearnerRef | null> {
  return learnerFromCookies();
}

/** The learner a JSON request acts for, read from its Cookie header; null for a missing, malformed or made-up cookie. */
export async function learnerOfRequest(request: Request): Promise<LearnerRef | null> {
  const header = request.headers.get("cookie") ?? "";
  const jar = new Map<string, string>();
  for (const part of header.split(";")) {
    const at = part.indexOf("=");
    if (at > 0) jar.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  return learnerFrom((name) => jar.get(name), request.headers.get("user-agent") ?? "");
}

/** A learner's settings; the defaults (and the browser's zone) before the learner's first write. */
export async function getSettings(learner: LearnerRef): Promise<LearnerSettings> {
  const row = await prisma.learner.findUnique({
    where: { id: learner.id },
    select: { desiredRetention: true, newCardsPerDay: true, timeZone: true, interviewDate: true },
  });
  const zone = row?.timeZone ?? learner.timeZone;
  return {
    desiredRetention: row?.desiredRetention ?? DEFAULT_SETTINGS.desiredRetention,
    newCardsPerDay: row?.newCardsPerDay ?? DEFAULT_SETTINGS.newCardsPerDay,
    timeZone: zone ?? FALLBACK_TIME_ZONE,
    timeZoneKnown: zone !== null,
    interviewDate: row?.interviewDate ?? null,
  };
}
