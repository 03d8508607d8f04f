import "server-only";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { z } from "zod";
import { execute, prisma, query, runSql, type Op } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { learnerCookieKey, lockLearner, type LearnerRef } from "@/lib/learner";
import { groupCode, hashCode, randomCode } from "./codes";
import { rotateSession } from "./sessions";
import { signInAs, type SignedIn } from "./sign-in";

/** Where the app is served, as WebAuthn needs it: the passkey is bound to the origin's host name. */
export type RelyingParty = { origin: string; id: string; name: string };

export function relyingParty(origin: string): RelyingParty {
  return { origin, id: new URL(origin).hostname, name: "BN Interview Prep" };
}

const CHALLENGE_MS = 5 * 60_000;
export const RECOVERY_CODES = 10;

// Every refusal of a sign-in reads the same, whether or not the passkey or account exists.
const signInFailed = () => new AppError("sign_in_failed", "That passkey could not sign you in. Try again, or use a code.", 400);
const registrationFailed = () => new AppError("registration_failed", "The passkey could not be registered. Try again.", 400);

/** Stores a challenge for this session and purpose, replacing any earlier one: one ceremony at a time. */
function* storeChallenge(learner: LearnerRef, purpose: "register" | "login", challenge: string, now: Date): Op<void> {
  yield* execute(
    `INSERT INTO "Challenge" ("id", "challenge", "expiresAt") VALUES ($1, $2, $3)
     ON CONFLICT ("id") DO UPDATE SET "challenge" = $2, "expiresAt" = $3, "usedAt" = NULL`,
    [`${learner.session}:${purpose}`, challenge, new Date(now.getTime() + CHALLENGE_MS)],
  );
}

/** Takes this session's challenge for the purpose: once only, within five minutes; null otherwise. */
function takeChallenge(learner: LearnerRef, purpose: "register" | "login", now: Date): Promise<string | null> {
  return runSql(function* () {
    const [row] = yield* query<{ challenge: string }>(
      `UPDATE "Challenge" SET "usedAt" = $2 WHERE "id" = $1 AND "usedAt" IS NULL AND "expiresAt" > $2 RETURNING "challenge"`,
      [`${learner.session}:${purpose}`, now],
    );
    return row?.challenge ?? null;
  });
}

const base64url = z.string().max(20_000).regex(/^[A-Za-z0-9_-]*$/);
const responseShape = {
  id: base64url.min(1),
  rawId: base64url.min(1),
  type: z.literal("public-key"),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
};
export const registrationResponseSchema = z.strictObject({
  ...responseShape,
  response: z.looseObject({
    clientDataJSON: base64url,
    attestationObject: base64url,
    transports: z.array(z.enum(["ble", "cable", "hybrid", "internal", "nfc", "smart-card", "usb"])).max(10).optional(),
  }),
});
export const authenticationResponseSchema = z.strictObject({
  ...responseShape,
  response: z.looseObject({
    clientDataJSON: base64url,
    authenticatorData: base64url,
    signature: base64url,
    userHandle: base64url.optional(),
  }),
});

/** Starts registering a passkey for this learner (created now if this is their first write). */
export async function registrationOptions(learner: LearnerRef, rp: RelyingParty, now = new Date()): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const learnerId = (await runSql((d) => lockLearner(d, learner, now)))!.id;
  const existing = await prisma.passkey.findMany({ where: { learnerId }, select: { id: true } });
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: `learner-${learnerId.slice(0, 8)}`,
    userDisplayName: "BN Interview Prep learner",
    userID: new TextEncoder().encode(learnerId.slice(0, 64)),
    attestationType: "none",
    excludeCredentials: existing.map((passkey) => ({ id: passkey.id })),
    authenticatorSelection: { residentKey: "required", userVerification: "preferred" },
  });
  await runSql(() => storeChallenge(learner, "register", options.challenge, now));
  return options;
}

export type Registered = { token: string; recoveryCodes: string[] | null };

/**
 * Verifies a new passkey and keeps it for this learner. The anonymous learner becomes the account's learner,
 * nothing moves; the session is rotated; the first passkey comes with ten recovery codes, shown this once.
 */
export async function registerPasskey(learner: LearnerRef, response: RegistrationResponseJSON, rp: RelyingParty, now = new Date()): Promise<Registered> {
  const challenge = await takeChallenge(learner, "register", now);
  if (!challenge) throw new AppError("challenge_expired", "That request is too old or was already used. Start again.", 400);
  let verified: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    verified = await verifyRegistrationResponse({ response, expectedChallenge: challenge, expectedOrigin: rp.origin, expectedRPID: rp.id, requireUserVerification: false });
  } catch {
    throw registrationFailed();
  }
  if (!verified.verified || !verified.registrationInfo) throw registrationFailed();
  const { credential } = verified.registrationInfo;
  const key = await learnerCookieKey();
  const codes = Array.from({ length: RECOVERY_CODES }, () => randomCode(10));
  return runSql(function* (d) {
    const locked = yield* lockLearner(d, learner, now, { create: false });
    if (!locked) throw registrationFailed();
    const [{ n }] = (yield* query<{ n: unknown }>(`SELECT count(*) AS "n" FROM "RecoveryCode" WHERE "learnerId" = $1 AND "usedAt" IS NULL`, [locked.id])) as [{ n: unknown }];
    yield* execute(`INSERT INTO "Passkey" ("id", "learnerId", "publicKey", "counter", "transports", "createdAt") VALUES ($1, $2, $3, $4, $5, $6)`, [
      credential.id,
      locked.id,
      Buffer.from(credential.publicKey).toString("base64url"),
      credential.counter,
      JSON.stringify(credential.transports ?? []),
      now,
    ]);
    const fresh = Number(n) === 0;
    if (fresh) {
      for (const code of codes) yield* execute(`INSERT INTO "RecoveryCode" ("codeHash", "learnerId", "createdAt") VALUES ($1, $2, $3)`, [hashCode(code), locked.id, now]);
    }
    const token = yield* rotateSession(learner, locked.id, key, now);
    return { token, recoveryCodes: fresh ? codes.map(groupCode) : null };
  });
}

/** Starts a passkey sign-in on this device. Any visitor may ask; nothing is stored but the challenge. */
export async function signInOptions(learner: LearnerRef, rp: RelyingParty, now = new Date()): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const options = await generateAuthenticationOptions({ rpID: rp.id, userVerification: "preferred", allowCredentials: [] });
  await runSql(() => storeChallenge(learner, "login", options.challenge, now));
  return options;
}

/** Verifies a passkey sign-in and signs this device in as the passkey's learner (see signInAs). */
export async function signInWithPasskey(learner: LearnerRef, response: AuthenticationResponseJSON, rp: RelyingParty, now = new Date()): Promise<SignedIn> {
  const challenge = await takeChallenge(learner, "login", now);
  if (!challenge) throw new AppError("challenge_expired", "That request is too old or was already used. Start again.", 400);
  const passkey = await prisma.passkey.findUnique({ where: { id: response.id } });
  if (!passkey) throw signInFailed();
  let verified: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    verified = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: { id: passkey.id, publicKey: Buffer.from(passkey.publicKey, "base64url"), counter: passkey.counter, transports: JSON.parse(passkey.transports) },
      requireUserVerification: false,
    });
  } catch {
    throw signInFailed();
  }
  if (!verified.verified) throw signInFailed();
  await runSql(() =>
    execute(`UPDATE "Passkey" SET "counter" = $2, "lastUsedAt" = $3 WHERE "id" = $1`, [passkey.id, verified.authenticationInfo.newCounter, now]),
  );
  return signInAs(learner, passkey.learnerId, now);
}
