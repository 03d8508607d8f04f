import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma, runSql } from "@/lib/db";
import { syncDeck } from "@/lib/content/sync";
import { learnerCookieKey, learnerOfRequest, newLearnerToken, REPLACED_GRACE_MS, sessionStatus, type LearnerRef } from "@/lib/learner";
import { gradeCard } from "@/lib/srs/review";
import { deckCard } from "@/lib/testing/deck";
import { resetDatabase } from "@/lib/testing/reset";
import { hashCode } from "./codes";
import { CODE_TRIES_PER_ADDRESS, createDeviceLink, LINK_LIFETIME_MS, redeemDeviceLink } from "./links";
import { registerPasskey, registrationOptions, relyingParty, signInOptions, signInWithPasskey } from "./passkeys";
import { signInWithRecoveryCode } from "./recovery";
import { listDevices, revokeDevices, rotateSession, signOut } from "./sessions";
import { signInAs } from "./sign-in";

const RP = relyingParty("http://localhost:3000");
const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0 Safari/537.36";
const PHONE = "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0 Mobile Safari/537.36";

/** A browser: its cookie, and the learner a request with it acts for (read as the routes read it). */
type Device = { token: string; ref: () => Promise<LearnerRef | null> };

async function newDevice(userAgent = CHROME): Promise<Device> {
  const device: Device = {
    token: newLearnerToken(await learnerCookieKey()),
    ref: () => learnerOfRequest(new Request("http://localhost/", { headers: { cookie: `bn_learner=${device.token}`, "user-agent": userAgent } })),
  };
  return device;
}
const me = async (device: Device) => (await device.ref())!;

/** An account: a learner with a passkey row (the ceremony itself is tested in e2e with a virtual authenticator). */
async function accountDevice(userAgent = CHROME): Promise<Device> {
  const device = await newDevice(userAgent);
  await gradeCard({ learner: await me(device), cardId: "card-a", rating: 3, durationMs: 1000 });
  await prisma.passkey.create({ data: { id: `key-${Math.random()}`, learnerId: (await me(device)).id, publicKey: "AA", counter: 0, transports: "[]" } });
  return device;
}

const counts = async (learnerId: string) => ({
  reviews: await prisma.reviewLog.count({ where: { learnerId } }),
  states: await prisma.cardState.count({ where: { learnerId } }),
});

beforeAll(async () => {
  await syncDeck(["card-a", "card-b", "card-c"].map((id) => deckCard(id)));
});
beforeEach(() => resetDatabase({ keepDeck: true }));

describe("device links", () => {
  it("sign another device in once, and bring its anonymous progress into the account", async () => {
    const laptop = await accountDevice();
    const account = (await me(laptop)).id;
    const phone = await newDevice(PHONE);
    await gradeCard({ learner: await me(phone), cardId: "card-b", rating: 3, durationMs: 1000 });
    const { code } = await createDeviceLink(await me(laptop));
    expect(await prisma.deviceLink.count({ where: { codeHash: hashCode(code) } })).toBe(1);
    expect(JSON.stringify(await prisma.deviceLink.findMany())).not.toContain(code);

    const { token, merged } = await redeemDeviceLink(await me(phone), code.toLowerCase().replace(/(.{4})/, "$1 "), "10.0.0.1");
    expect(merged).toMatchObject({ reviewLogs: { added: 1, alreadyThere: 0 }, cardStates: { added: 1, updated: 0 } });
    phone.token = token;
    expect((await me(phone)).id).toBe(account);
    expect(await counts(account)).toEqual({ reviews: 2, states: 2 });

    const other = await newDevice();
    await expect(redeemDeviceLink(await me(other), code, "10.0.0.2")).rejects.toMatchObject({ code: "code_not_accepted", status: 400 });
  });

  it("burn a code after five wrong tries: the right code then fails too", async () => {
    const laptop = await accountDevice();
    const { code } = await createDeviceLink(await me(laptop));
    const phone = await newDevice();
    const wrong = code.slice(0, 3) + (code[3] === "2" ? "3" : "2") + code.slice(4);
    for (let n = 0; n < 5; n++) {
      await expect(redeemDeviceLink(await me(phone), wrong, "10.0.0.1")).rejects.toMatchObject({ code: "code_not_accepted" });
    }
    await expect(redeemDeviceLink(await me(phone), code, "10.0.0.1")).rejects.toMatchObject({ code: "code_not_accepted" });
    expect((await me(phone)).id).not.toBe((await me(laptop)).id);
  });

  it("expire after ten minutes", async () => {
    const laptop = await accountDevice();
    const made = new Date();
    const { code } = await createDeviceLink(await me(laptop), made);
    const phone = await newDevice();
    const late = new Date(made.getTime() + LINK_LIFETIME_MS + 1);
    await expect(redeemDeviceLink(await me(phone), code, "10.0.0.1", late)).rejects.toMatchObject({ code: "code_not_accepted" });
    expect(await prisma.session.count({ where: { learnerId: (await me(laptop)).id } })).toBe(1);
  });

  it("limit the codes tried from one address, whatever the code, in the database", async () => {
    const phone = await newDevice();
    for (let n = 0; n < CODE_TRIES_PER_ADDRESS; n++) {
      await expect(redeemDeviceLink(await me(phone), "ZZZZ ZZZZ", "10.0.0.9")).rejects.toMatchObject({ code: "code_not_accepted" });
    }
    const laptop = await accountDevice();
    const { code } = await createDeviceLink(await me(laptop));
    await expect(redeemDeviceLink(await me(phone), code, "10.0.0.9")).rejects.toMatchObject({ code: "too_many_tries", status: 429 });
    await expect(signInWithRecoveryCode(await me(phone), "ABCDE-FGHJK", "10.0.0.9")).rejects.toMatchObject({ code: "too_many_tries" });
    // Another address is not held back.
    await expect(redeemDeviceLink(await me(phone), code, "10.0.0.10")).resolves.toMatchObject({ merged: null });
  });
});

describe("recovery codes", () => {
  it("sign in once each; only their hashes are stored", async () => {
    const laptop = await accountDevice();
    const account = (await me(laptop)).id;
    await prisma.recoveryCode.create({ data: { codeHash: hashCode("ABCDEFGHJK"), learnerId: account } });
    expect(await prisma.recoveryCode.findFirst({ where: { codeHash: "ABCDEFGHJK" } })).toBeNull();
    const lost = await newDevice();
    const { token } = await signInWithRecoveryCode(await me(lost), "abcde-fghjk", "10.0.0.1");
    lost.token = token;
    expect((await me(lost)).id).toBe(account);
    const again = await newDevice();
    await expect(signInWithRecoveryCode(await me(again), "ABCDE-FGHJK", "10.0.0.1")).rejects.toMatchObject({ code: "code_not_accepted", path: ["code"] });
  });
});

describe("sessions", () => {
  it("are listed per device, revoked one at a time or all the others, and ended by signing out", async () => {
    const laptop = await accountDevice();
    const account = (await me(laptop)).id;
    const phone = await newDevice(PHONE);
    const tablet = await newDevice();
    for (const device of [phone, tablet]) {
      const { code } = await createDeviceLink(await me(laptop));
      device.token = (await redeemDeviceLink(await me(device), code, "10.0.0.1")).token;
    }
    const devices = await listDevices(await me(laptop));
    expect(devices.map((device) => [device.browser, device.current])).toEqual(
      expect.arrayContaining([
        ["Chrome · Linux", true],
        ["Chrome · Android", false],
      ]),
    );
    expect(devices).toHaveLength(3);

    const phoneHandle = devices.find((device) => device.browser === "Chrome · Android")!.id;
    expect(await revokeDevices(await me(laptop), { device: phoneHandle })).toBe(1);
    expect(await phone.ref()).toBeNull();
    await expect(revokeDevices(await me(laptop), { device: phoneHandle })).rejects.toMatchObject({ code: "unknown_device", status: 404 });

    expect(await revokeDevices(await me(laptop), "others")).toBe(1);
    expect(await tablet.ref()).toBeNull();
    expect((await me(laptop)).id).toBe(account);

    laptop.token = await signOut(await me(laptop));
    expect((await me(laptop)).id).not.toBe(account);
    expect(await counts(account)).toEqual({ reviews: 1, states: 1 });
  });

  it("rotate on sign-in: the old token no longer counts", async () => {
    const laptop = await accountDevice();
    const before = laptop.token;
    const key = await learnerCookieKey();
    const learner = await me(laptop);
    laptop.token = await runSql(() => rotateSession(learner, learner.id, key, new Date()));
    expect(laptop.token).not.toBe(before);
    expect((await me(laptop)).id).toBe(learner.id);

    // For a minute the old cookie is only "replaced": a request sent before the sign-in comes back without
    // being given a new cookie, but it reaches no learner and writes nothing.
    const old = (await learnerOfRequest(new Request("http://localhost/", { headers: { cookie: `bn_learner=${before}` } })))!;
    expect(old).toMatchObject({ id: learner.session, issued: false });
    await expect(gradeCard({ learner: old, cardId: "card-b", rating: 3, durationMs: 1000 })).rejects.toMatchObject({ status: 401 });
    expect(await sessionStatus(learner.session)).toEqual({ state: "replaced" });
    expect(await sessionStatus(learner.session, new Date(Date.now() + REPLACED_GRACE_MS + 1000))).toEqual({ state: "ended" });
    expect(await counts(learner.id)).toEqual({ reviews: 1, states: 1 });
  });
});

describe("signing in merges a device's anonymous progress", () => {
  it("once: the later card state wins, nothing counted twice, and a second sign-in adds nothing", async () => {
    const laptop = await accountDevice();
    const account = (await me(laptop)).id;
    const phone = await newDevice(PHONE);
    const later = new Date(Date.now() + 60_000);
    await gradeCard({ learner: await me(phone), cardId: "card-a", rating: 1, durationMs: 1000, now: later });
    await gradeCard({ learner: await me(phone), cardId: "card-c", rating: 3, durationMs: 1000 });
    const anonymous = (await me(phone)).id;

    const first = await signInAs(await me(phone), account);
    phone.token = first.token;
    expect(first.merged).toMatchObject({ reviewLogs: { added: 2 }, cardStates: { added: 1, updated: 1 } });
    expect(await counts(account)).toEqual({ reviews: 3, states: 2 });
    expect((await prisma.cardState.findFirst({ where: { learnerId: account, cardId: "card-a" } }))!.lastReview).toEqual(later);
    expect(await counts(anonymous)).toEqual({ reviews: 0, states: 0 });

    const second = await signInAs(await me(phone), account);
    expect(second.merged).toBeNull();
    expect(await counts(account)).toEqual({ reviews: 3, states: 2 });
  });

  it("never merges two accounts: a device signed in elsewhere just moves", async () => {
    const first = await accountDevice();
    const second = await accountDevice();
    const { token, merged } = await signInAs(await me(second), (await me(first)).id);
    expect(merged).toBeNull();
    second.token = token;
    expect((await me(second)).id).toBe((await me(first)).id);
    expect(await counts((await me(first)).id)).toEqual({ reviews: 1, states: 1 });
  });
});

describe("passkey challenges", () => {
  const garbage = { id: "AAAA", rawId: "AAAA", type: "public-key" as const, clientExtensionResults: {}, response: { clientDataJSON: "AAAA", attestationObject: "AAAA" } };
  const garbageLogin = { id: "AAAA", rawId: "AAAA", type: "public-key" as const, clientExtensionResults: {}, response: { clientDataJSON: "AAAA", authenticatorData: "AAAA", signature: "AAAA" } };

  it("are used once: a second answer to the same challenge is refused before it is checked", async () => {
    const device = await newDevice();
    await registrationOptions(await me(device), RP);
    await expect(registerPasskey(await me(device), garbage, RP)).rejects.toMatchObject({ code: "registration_failed" });
    await expect(registerPasskey(await me(device), garbage, RP)).rejects.toMatchObject({ code: "challenge_expired" });
    expect(await prisma.passkey.count()).toBe(0);
  });

  it("belong to the session that asked for them, and expire after five minutes", async () => {
    const device = await newDevice();
    const stranger = await newDevice();
    await signInOptions(await me(device), RP);
    await expect(signInWithPasskey(await me(stranger), garbageLogin, RP)).rejects.toMatchObject({ code: "challenge_expired" });
    const asked = new Date();
    await signInOptions(await me(device), RP, asked);
    await expect(signInWithPasskey(await me(device), garbageLogin, RP, new Date(asked.getTime() + 5 * 60_000 + 1))).rejects.toMatchObject({
      code: "challenge_expired",
    });
  });

  it("refuse an unknown credential the same way as a bad signature", async () => {
    const device = await newDevice();
    await signInOptions(await me(device), RP);
    await expect(signInWithPasskey(await me(device), garbageLogin, RP)).rejects.toMatchObject({ code: "sign_in_failed", status: 400 });
    const owner = await accountDevice();
    await prisma.passkey.create({ data: { id: "AAAA", learnerId: (await me(owner)).id, publicKey: "AA", counter: 0, transports: "[]" } });
    await signInOptions(await me(device), RP);
    await expect(signInWithPasskey(await me(device), garbageLogin, RP)).rejects.toMatchObject({ code: "sign_in_failed", status: 400 });
  });
});
