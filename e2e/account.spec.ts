import AxeBuilder from "@axe-core/playwright";
import type { BrowserContext, CDPSession, Page } from "@playwright/test";
import { expect, request, test } from "./fixtures";
import { studyCards } from "./helpers";
import { learnerIdOf } from "../lib/learner/identity";
import { e2eDatabaseUrl, sql } from "./servers";

// Passkeys through Chromium's virtual authenticator (CDP WebAuthn): the browser signs real WebAuthn
// responses, which @simplewebauthn/server verifies as it would a phone's or a security key's.
type Authenticator = { cdp: CDPSession; id: string };

async function addAuthenticator(page: Page): Promise<Authenticator> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  return { cdp, id: authenticatorId };
}

/** The same passkey on a second device, as a synced passkey (a password manager's) would be. */
async function copyPasskey(from: Authenticator, to: Authenticator) {
  const { credentials } = await from.cdp.send("WebAuthn.getCredentials", { authenticatorId: from.id });
  expect(credentials).toHaveLength(1);
  await to.cdp.send("WebAuthn.addCredential", { authenticatorId: to.id, credential: credentials[0]! });
}

async function newPage(browser: { newContext: () => Promise<BrowserContext> }) {
  const context = await browser.newContext();
  return { context, page: await context.newPage() };
}

/** Registers a passkey on /account and puts the recovery codes away; returns them. */
async function createPasskey(page: Page): Promise<string[]> {
  await page.goto("/account");
  await page.getByRole("button", { name: "Create a passkey" }).click();
  const codes = page.getByTestId("recovery-codes").getByRole("listitem");
  await expect(codes).toHaveCount(10);
  await expect(page.getByRole("heading", { name: "Your recovery codes" })).toBeFocused();
  await expect(page.getByTestId("account-notice")).toHaveText("Passkey created: your progress is kept in your account.");
  const saved = await codes.allTextContents();
  await page.getByRole("button", { name: "I have saved them" }).click();
  await expect(page.getByTestId("recovery-codes")).toHaveCount(0);
  // The header now says "Account" (behind the Menu button on a phone).
  const menu = page.locator("summary", { hasText: "Menu" });
  if (await menu.isVisible()) await menu.click();
  await expect(page.getByRole("banner").getByRole("link", { name: "Account", exact: true })).toBeVisible();
  return saved;
}

async function reviewCount(page: Page): Promise<number> {
  const response = await page.request.get("/api/export");
  expect(response.status()).toBe(200);
  return (await response.json()).payload.reviewLogs.length;
}

async function showLinkCode(page: Page): Promise<string> {
  const code = page.getByTestId("link-code");
  // "Show a new code" leaves the old one on screen until the new one arrives.
  const before = (await code.count()) > 0 ? await code.textContent() : null;
  await page.getByRole("button", { name: /^Show (a|a new) code$/ }).click();
  await expect(code).toHaveText(/^[2-9A-Z]{4} [2-9A-Z]{4}$/);
  if (before) await expect(code).not.toHaveText(before);
  return (await code.textContent())!;
}

/** Types a device-link code and signs in with it; resolves with the server's answer. */
async function enterLinkCode(page: Page, code: string) {
  await page.getByLabel("Code from your other device").fill(code);
  const answer = page.waitForResponse((response) => response.url().endsWith("/api/account/links/redeem"));
  await page.getByRole("button", { name: "Sign in with the code" }).click();
  return answer;
}

const count = async (table: string, where = "", params: unknown[] = []) =>
  Number((await sql<{ n: unknown }>(e2eDatabaseUrl(), `SELECT count(*) AS "n" FROM "${table}"${where ? ` WHERE ${where}` : ""}`, params))[0]!.n);

/** The learner a browser's cookie names before it signs in anywhere: its session's hash (lib/learner/identity). */
async function anonymousLearner(context: BrowserContext): Promise<string> {
  return learnerIdOf((await context.cookies()).find((cookie) => cookie.name === "bn_learner")!.value);
}

/** Other tests run alongside on the same server: what this test's learners hold, not whole tables. */
async function rowsOf(account: string, stranger: string) {
  const mine = `"learnerId" = $1`;
  return {
    sessions: await count("Session", mine, [account]),
    passkeys: await count("Passkey", mine, [account]),
    links: await count("DeviceLink", mine, [account]),
    reviews: await count("ReviewLog", mine, [account]),
    recoveryCodes: await count("RecoveryCode", `${mine} AND "usedAt" IS NULL`, [account]),
    stranger: (await count("Learner", `"id" = $1`, [stranger])) + (await count("Session", `"learnerId" = $1`, [stranger])),
  };
}

test("a passkey keeps three studied cards; the same passkey on a second browser signs in there, merging what it studied, once", async ({ browser }) => {
  const laptop = await newPage(browser);
  const laptopKey = await addAuthenticator(laptop.page);
  await studyCards(laptop.page, 3);
  await expect(laptop.page.getByRole("link", { name: "Keep my progress" })).toBeVisible();
  const codes = await createPasskey(laptop.page);
  expect(codes.every((code) => /^[2-9A-Z]{5}-[2-9A-Z]{5}$/.test(code))).toBe(true);
  expect(await reviewCount(laptop.page)).toBe(3);

  const phone = await newPage(browser);
  const phoneKey = await addAuthenticator(phone.page);
  await copyPasskey(laptopKey, phoneKey);
  await studyCards(phone.page, 1);
  await phone.page.goto("/account");
  await phone.page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(phone.page.getByTestId("account-notice")).toHaveText(
    "Signed in. This browser's progress joined your account: 1 reviews added (0 were already there), 0 card states added and 1 updated, 0 quizzes added.",
  );
  await expect(phone.page.getByRole("heading", { name: "Devices signed in" })).toBeVisible();
  expect(await reviewCount(phone.page)).toBe(4);
  expect(await reviewCount(laptop.page)).toBe(4);

  // Again, from a fresh session on the same browser: nothing left to merge, nothing counted twice.
  await phone.page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(phone.page.getByRole("button", { name: "Create a passkey" })).toBeVisible();
  await phone.page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(phone.page.getByTestId("account-notice")).toHaveText("Signed in.");
  expect(await reviewCount(phone.page)).toBe(4);

  // The codes were shown once: the page never shows them again.
  await laptop.page.goto("/account");
  await expect(laptop.page.getByText("10 recovery codes left")).toBeVisible();
  await expect(laptop.page.getByTestId("recovery-codes")).toHaveCount(0);
  await Promise.all([laptop.context.close(), phone.context.close()]);
});

test("a one-time code links a second browser; five wrong tries burn it, so the sixth fails even when right", async ({ browser }) => {
  const laptop = await newPage(browser);
  await addAuthenticator(laptop.page);
  await studyCards(laptop.page, 1);
  await createPasskey(laptop.page);
  const code = await showLinkCode(laptop.page);
  await expect(laptop.page.getByRole("img", { name: /QR code of a link/ })).toBeVisible();

  const phone = await newPage(browser);
  await phone.page.goto("/account");
  const wrong = code.slice(0, 5) + (code[5] === "2" ? "3" : "2") + code.slice(6);
  const error = phone.page.locator("#link-code-error");
  for (let n = 0; n < 5; n++) {
    expect((await enterLinkCode(phone.page, wrong)).status()).toBe(400);
    await expect(error).toHaveText("That code does not sign in: it may be mistyped, used or expired.");
    await expect(phone.page.getByLabel("Code from your other device")).toHaveAttribute("aria-invalid", "true");
  }
  expect((await enterLinkCode(phone.page, code)).status()).toBe(400);
  await expect(error).toHaveText("That code does not sign in: it may be mistyped, used or expired.");
  await expect(phone.page.getByRole("link", { name: "Keep my progress" })).toBeVisible();

  // The QR code's link fills the code in; the learner still chooses to sign in.
  const fresh = (await showLinkCode(laptop.page)).replace(" ", "");
  await phone.page.goto(`/account?code=${fresh}`);
  await expect(phone.page.getByLabel("Code from your other device")).toHaveValue(fresh);
  await phone.page.getByRole("button", { name: "Sign in with the code" }).click();
  await expect(phone.page.getByTestId("account-notice")).toHaveText("Signed in.");
  await expect(phone.page).toHaveURL(/\/account$/);
  expect(await reviewCount(phone.page)).toBe(1);
  await Promise.all([laptop.context.close(), phone.context.close()]);
});

test("revoking the other device: its API calls get 401 and its pages start a new anonymous learner", async ({ browser, baseURL }) => {
  const laptop = await newPage(browser);
  await addAuthenticator(laptop.page);
  await studyCards(laptop.page, 1);
  await createPasskey(laptop.page);
  const code = await showLinkCode(laptop.page);
  const phone = await newPage(browser);
  await phone.page.goto("/account");
  await enterLinkCode(phone.page, code);
  await expect(phone.page.getByRole("heading", { name: "Devices signed in" })).toBeVisible();
  const phoneCookie = (await phone.context.cookies()).find((cookie) => cookie.name === "bn_learner")!.value;

  await laptop.page.reload();
  const devices = laptop.page.getByTestId("device");
  await expect(devices).toHaveCount(2);
  await expect(devices.filter({ hasText: "this device" })).toHaveCount(1);
  await devices.filter({ hasNotText: "this device" }).getByRole("button", { name: /^Sign out Chrome/ }).click();
  await expect(laptop.page.getByRole("status").filter({ hasText: "1 device signed out." })).toBeVisible();
  await expect(devices).toHaveCount(1);

  // The phone's own prefetches may already have brought it a new anonymous cookie: call with the revoked one.
  const revoked = await request.newContext({ baseURL, extraHTTPHeaders: { cookie: `bn_learner=${phoneCookie}` } });
  const refused = await revoked.post("/api/reviews", { data: { cardId: "bn-params-in-cnn", rating: 3 } });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error).toMatchObject({ code: "unauthorized", path: [] });
  expect((await revoked.get("/api/export")).status()).toBe(401);
  await revoked.dispose();
  await phone.page.goto("/account");
  await expect(phone.page.getByRole("button", { name: "Create a passkey" })).toBeVisible();
  expect(await reviewCount(phone.page)).toBe(0);
  expect(await reviewCount(laptop.page)).toBe(1);
  await Promise.all([laptop.context.close(), phone.context.close()]);
});

test("a replayed passkey answer, a foreign Origin and an expired code are refused, and nothing is written", async ({ browser }) => {
  const laptop = await newPage(browser);
  const laptopKey = await addAuthenticator(laptop.page);
  await studyCards(laptop.page, 1);
  const account = await anonymousLearner(laptop.context);
  await createPasskey(laptop.page);

  const phone = await newPage(browser);
  const phoneKey = await addAuthenticator(phone.page);
  await copyPasskey(laptopKey, phoneKey);
  await phone.page.goto("/account");
  const answer = phone.page.waitForRequest((request) => request.url().endsWith("/api/account/passkeys/sign-in"));
  await phone.page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(phone.page.getByTestId("account-notice")).toHaveText(/^Signed in\./);
  const signedAnswer = (await answer).postData()!;

  const stranger = await newPage(browser);
  await stranger.page.goto("/");
  const strangerId = await anonymousLearner(stranger.context);
  const before = await rowsOf(account, strangerId);
  const replay = await stranger.page.request.post("/api/account/passkeys/sign-in", { data: JSON.parse(signedAnswer) });
  expect(replay.status()).toBe(400);
  expect((await replay.json()).error).toMatchObject({ code: "challenge_expired", path: [] });
  const again = await phone.page.request.post("/api/account/passkeys/sign-in", { data: JSON.parse(signedAnswer) });
  expect((await again.json()).error.code).toBe("challenge_expired");

  for (const [path, data] of [
    ["/api/account/links", {}],
    ["/api/reviews", { cardId: "bn-params-in-cnn", rating: 3 }],
    ["/api/account/devices/revoke", { others: true }],
  ] as const) {
    const foreign = await laptop.page.request.post(path, { data, headers: { origin: "https://elsewhere.example" } });
    expect(foreign.status(), path).toBe(403);
    expect((await foreign.json()).error).toMatchObject({ code: "foreign_origin", path: [] });
  }
  expect(await rowsOf(account, strangerId)).toEqual(before);

  const link = await laptop.page.request.post("/api/account/links", { data: {} });
  const { code } = await link.json();
  await sql(e2eDatabaseUrl(), `UPDATE "DeviceLink" SET "expiresAt" = "createdAt" WHERE "learnerId" = $1`, [account]);
  const linked = await rowsOf(account, strangerId);
  const expired = await stranger.page.request.post("/api/account/links/redeem", { data: { code } });
  expect(expired.status()).toBe(400);
  expect((await expired.json()).error).toMatchObject({ code: "code_not_accepted", path: ["code"] });
  expect(await rowsOf(account, strangerId)).toEqual(linked);
  await Promise.all([laptop.context.close(), phone.context.close(), stranger.context.close()]);
});

test("the account screens work from the keyboard and pass axe, anonymous and signed in", async ({ page }) => {
  await addAuthenticator(page);
  await page.goto("/account");
  const violations = async () => (await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze()).violations.map((v) => `${v.id}: ${v.nodes[0]?.target.join(" ")}`);
  expect(await violations()).toEqual([]);

  const create = page.getByRole("button", { name: "Create a passkey" });
  for (let n = 0; n < 40 && !(await create.evaluate((element) => element === document.activeElement)); n++) await page.keyboard.press("Tab");
  await expect(create).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Your recovery codes" })).toBeFocused();
  expect(await violations()).toEqual([]);
  const done = page.getByRole("button", { name: "I have saved them" });
  for (let n = 0; n < 10 && !(await done.evaluate((element) => element === document.activeElement)); n++) await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("recovery-codes")).toHaveCount(0);

  const show = page.getByRole("button", { name: "Show a code" });
  await show.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("link-code")).toBeVisible();
  expect(await violations()).toEqual([]);
  await page.emulateMedia({ colorScheme: "dark" });
  expect(await violations()).toEqual([]);
});

test("@phone the account page fits a phone and signs in by code", async ({ page, browser }) => {
  await page.goto("/account");
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await expect(page.getByRole("button", { name: "Create a passkey" })).toBeVisible();

  const laptop = await newPage(browser);
  await addAuthenticator(laptop.page);
  await createPasskey(laptop.page);
  const code = await showLinkCode(laptop.page);
  await page.getByLabel("Code from your other device").fill(code.toLowerCase());
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("account-notice")).toHaveText(/^Signed in\./);
  await expect(page.getByTestId("device")).toHaveCount(2);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await laptop.context.close();
});
