import { createHash, randomBytes } from "node:crypto";

export const LEARNER_COOKIE = "bn_learner";

/** What the JSON API answers to a missing, malformed or unknown learner cookie. */
export const UNKNOWN_LEARNER = "No learner: open the app in a browser to get a learner cookie.";

/** 256 random bits: the learner's only credential, kept in an httpOnly cookie. */
export function newLearnerToken(): string {
  return randomBytes(32).toString("base64url");
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The database stores only a hash of the token, so a leaked database does not leak anyone's cookie. */
export function learnerIdFromToken(token: string | undefined): string | null {
  if (!token || !TOKEN.test(token)) return null;
  return createHash("sha256").update(token).digest("hex");
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
