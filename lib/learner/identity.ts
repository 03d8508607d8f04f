import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const LEARNER_COOKIE = "bn_learner";

/** What the JSON API answers to a missing, malformed or unknown learner cookie. */
export const UNKNOWN_LEARNER = "No learner: open the app in a browser to get a learner cookie.";

/**
 * The learner behind a request. `session` is the SHA-256 of the cookie token (the token itself is never
 * stored); `id` is the learner that session belongs to — for a device that has not signed in anywhere, the
 * session's own hash. `issued` says the token carries this installation's signature, so a learner may be
 * created for it at the first write; an unsigned token (from before tokens were signed) is only honoured when
 * its learner exists.
 */
export type LearnerRef = { id: string; session: string; issued: boolean; timeZone: string | null; userAgent: string };

const RANDOM = /^[A-Za-z0-9_-]{43}$/;
const SIGNED = /^([A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]{22})$/;

const signature = (key: Buffer, random: string) => createHmac("sha256", key).update(random).digest().subarray(0, 16).toString("base64url");

/** 256 random bits and this installation's signature over them: the learner's only credential. */
export function newLearnerToken(key: Buffer): string {
  const random = randomBytes(32).toString("base64url");
  return `${random}.${signature(key, random)}`;
}

export function learnerIdOf(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Reads a cookie token: null when it is missing or malformed or its signature is not this installation's
 * (a made-up cookie), otherwise the learner it names.
 */
export function readLearnerToken(token: string | undefined, key: Buffer): { session: string; issued: boolean } | null {
  if (!token) return null;
  const signed = SIGNED.exec(token);
  if (signed) {
    const expected = Buffer.from(signature(key, signed[1]!));
    const given = Buffer.from(signed[2]!);
    return expected.length === given.length && timingSafeEqual(expected, given) ? { session: learnerIdOf(token), issued: true } : null;
  }
  return RANDOM.test(token) ? { session: learnerIdOf(token), issued: false } : null;
}

export function learnerCookie(token: string, secure: boolean) {
  return {
    name: LEARNER_COOKIE,
    value: token,
    httpOnly: true,
    sameSite: "lax" as const,
    secure,
    path: "/",
    maxAge: 400 * 24 * 60 * 60,
  };
}
