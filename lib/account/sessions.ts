import { execute, prisma, query, runSql, type Op } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { learnerCookieKey, learnerIdOf, lockLearner, newLearnerToken, REPLACED_GRACE_MS, SESSION_LIFETIME_MS, storeSession, type LearnerRef } from "@/lib/learner";

/**
 * Moves this device to `learnerId` with a fresh token: the new session is stored, the old one ended (kept, so
 * its token never reaches a learner again; for a minute it is only "replaced", see lib/learner/session). Returns the new token, for the cookie. Sign-in, registration and device links
 * all end this way.
 */
export function* rotateSession(learner: LearnerRef, learnerId: string, key: Buffer, now: Date): Op<string> {
  const token = newLearnerToken(key);
  yield* storeSession(learnerIdOf(token), learnerId, learner.userAgent, now);
  yield* execute(
    `INSERT INTO "Session" ("id", "learnerId", "createdAt", "lastSeenAt", "userAgent", "endedAt") VALUES ($1, $2, $3, $3, $4, $5)
     ON CONFLICT ("id") DO UPDATE SET "endedAt" = $5`,
    [learner.session, learnerId, now, learner.userAgent.slice(0, 300), new Date(now.getTime() + REPLACED_GRACE_MS)],
  );
  return token;
}

export type Device = { id: string; browser: string; firstSeen: Date; lastSeen: Date; current: boolean };

/** "Firefox on Android", from a user agent: enough to tell one's own devices apart. */
export function describeBrowser(userAgent: string): string {
  const browser = /Edg\//.test(userAgent)
    ? "Edge"
    : /Firefox\//.test(userAgent)
      ? "Firefox"
      : /Chrom(e|ium)\//.test(userAgent)
        ? "Chrome"
        : /Safari\//.test(userAgent)
          ? "Safari"
          : "Browser";
  const system = /Android/.test(userAgent)
    ? "Android"
    : /iPhone|iPad/.test(userAgent)
      ? "iOS"
      : /Mac OS X/.test(userAgent)
        ? "macOS"
        : /Windows/.test(userAgent)
          ? "Windows"
          : /Linux/.test(userAgent)
            ? "Linux"
            : null;
  return system ? `${browser} · ${system}` : browser;
}

/** The learner's devices still signed in, most recently seen first. */
export async function listDevices(learner: LearnerRef, now = new Date()): Promise<Device[]> {
  const rows = await prisma.session.findMany({
    where: { learnerId: learner.id, endedAt: null, lastSeenAt: { gte: new Date(now.getTime() - SESSION_LIFETIME_MS) } },
    orderBy: { lastSeenAt: "desc" },
  });
  return rows.map((row) => ({
    // Not the session's hash: a device is named to the learner by a short handle they can hand back to revoke it.
    id: row.id.slice(0, 16),
    browser: describeBrowser(row.userAgent),
    firstSeen: row.createdAt,
    lastSeen: row.lastSeenAt,
    current: row.id === learner.session,
  }));
}

/** Signs out one of the learner's other devices (by its handle), or all of them. This device stays. */
export function revokeDevices(learner: LearnerRef, which: { device: string } | "others", now = new Date()): Promise<number> {
  return runSql(function* (d) {
    const locked = yield* lockLearner(d, learner, now, { create: false });
    if (!locked) return 0;
    const sessions = yield* query(`SELECT "id" FROM "Session" WHERE "learnerId" = $1 AND "endedAt" IS NULL AND "id" <> $2`, [locked.id, learner.session]);
    const ended = sessions.map((row) => String(row.id)).filter((id) => which === "others" || id.startsWith(which.device));
    if (which !== "others" && ended.length !== 1) throw new AppError("unknown_device", "There is no such device signed in.", 404, ["device"]);
    for (const id of ended) yield* execute(`UPDATE "Session" SET "endedAt" = $2 WHERE "id" = $1`, [id, now]);
    return ended.length;
  });
}

/** Ends this device's session and gives it a new anonymous one: the token to set. */
export async function signOut(learner: LearnerRef, now = new Date()): Promise<string> {
  const key = await learnerCookieKey();
  const token = newLearnerToken(key);
  await runSql(() =>
    execute(
      `INSERT INTO "Session" ("id", "learnerId", "createdAt", "lastSeenAt", "userAgent", "endedAt") SELECT $1, "id", $2, $2, $3, $2 FROM "Learner" WHERE "id" = $4
       ON CONFLICT ("id") DO UPDATE SET "endedAt" = $2`,
      [learner.session, now, learner.userAgent.slice(0, 300), learner.id],
    ),
  );
  return token;
}
