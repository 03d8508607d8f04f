// What a careless or hostile visitor can do must not stall the server, grow the database or get a 5xx.
import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import { expect, request, test, type APIRequestContext } from "./fixtures";
import { e2eDatabaseUrl, sql } from "./servers";

/** Calls `probe` every 50 ms while `work` runs; returns the slowest probe's time. */
async function slowestWhile(work: Promise<unknown>, probe: () => Promise<unknown>): Promise<number> {
  let done = false;
  let slowest = 0;
  const probing = (async () => {
    while (!done) {
      const start = performance.now();
      await probe();
      slowest = Math.max(slowest, performance.now() - start);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  await work.finally(() => (done = true));
  await probing;
  return slowest;
}

/** SHA-256 over JSON with sorted keys, as the app seals a progress file. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** A valid progress file at the row limit: 30,000 reviews spread over the deck, each following from the one before. */
function largestProgressFile(cardIds: string[]): string {
  const perCard = Math.ceil(30_000 / cardIds.length);
  const t0 = Date.UTC(2025, 0, 1);
  const iso = (ms: number) => new Date(ms).toISOString();
  const reviewLogs: unknown[] = [];
  const cardStates: unknown[] = [];
  cardIds.forEach((cardId, index) => {
    let previous: Record<string, unknown> | null = null;
    for (let n = 0; n < perCard && reviewLogs.length < 30_000; n++) {
      const at = t0 + (index * perCard + n) * 60_000;
      const state = { due: iso(at + 86_400_000), stability: 3.5, difficulty: 5.2, elapsedDays: 0, scheduledDays: 1, learningSteps: 0, reps: n + 1, lapses: 0, state: 2, lastReview: iso(at) };
      reviewLogs.push({
        cardId,
        rating: 3,
        stateBefore: previous ? 2 : 0,
        stateAfter: 2,
        dueBefore: previous ? previous.due : iso(at),
        dueAfter: state.due,
        reviewedAt: iso(at),
        durationMs: 4000,
        previous,
      });
      previous = state;
    }
    if (previous) cardStates.push({ cardId, ...previous });
  });
  const content = { format: "bn-interview-prep/progress", version: 1, exportedAt: iso(Date.UTC(2025, 11, 1)), payload: { settings: { desiredRetention: 0.9, newCardsPerDay: 20 }, cardStates, reviewLogs, quizzes: [] } };
  return JSON.stringify({ ...content, checksum: `sha256:${createHash("sha256").update(canonical(content)).digest("hex")}` });
}

async function learnerApi(baseURL: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL });
  await api.get("/");
  return api;
}

test("a path whose percent-escapes do not decode is a 400, on pages and the API alike", async ({ request: api }) => {
  for (const path of ["/cards/%ff", "/cards/%", "/quiz/%", "/topics/%", "/cards/%E4"]) {
    expect((await api.get(path)).status(), path).toBe(400);
  }
  const answer = await api.post("/api/quizzes/%/answers", { data: { position: 0 } });
  expect(answer.status()).toBe(400);
  expect((await answer.json()).error.code).toBe("bad_path");
});

test("visits without a cookie store nothing: a learner exists from their first write", async ({ baseURL }) => {
  const database = e2eDatabaseUrl();
  const count = async () => Number((await sql<{ n: number | string }>(database, `SELECT count(*) AS n FROM "Learner"`))[0]!.n);
  const before = await count();
  for (let i = 0; i < 5; i++) {
    const visitor = await request.newContext({ baseURL });
    expect((await visitor.get("/")).status()).toBe(200);
    expect((await visitor.get("/study")).status()).toBe(200);
    await visitor.dispose();
  }
  expect(await count()).toBe(before);
  const writer = await learnerApi(baseURL!);
  const cardId = readdirSync("content/cards")[0]!.slice(0, -3);
  expect((await writer.post("/api/reviews", { data: { cardId, rating: 3 } })).status()).toBe(201);
  expect(await count()).toBe(before + 1);
  await writer.dispose();
});

// The stall tests send with Node's own fetch: Playwright's request context would add its own queueing of
// megabyte bodies to the times measured.
const json = (body: string, cookie?: string): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
  body,
});

test("an unrelated request answers within a second while the largest import is read and written", async ({ baseURL }) => {
  test.setTimeout(180_000);
  const api = await learnerApi(baseURL!);
  const cookie = `bn_learner=${(await api.storageState()).cookies.find((c) => c.name === "bn_learner")!.value}`;
  const cards = readdirSync("content/cards").filter((name) => name.endsWith(".md")).map((name) => name.slice(0, -3));
  const file = largestProgressFile(cards);
  let imported: { status: number; body: { reviewLogs?: { added: number } } } | null = null;
  const work = fetch(`${baseURL}/api/import`, json(file, cookie)).then(async (response) => (imported = { status: response.status, body: await response.json() }));
  const slowest = await slowestWhile(work, () => fetch(`${baseURL}/api/export/anki?lang=xx`).then((response) => response.text()));
  expect(imported!.status).toBe(200);
  expect(imported!.body.reviewLogs?.added).toBe(30_000);
  expect(slowest).toBeLessThan(1_000);
  await api.dispose();
});

test("an unrelated request answers within a second while five calculator requests at the size limit run", async ({ baseURL }) => {
  const input = Array.from({ length: 100_000 }, (_, i) => Math.sin(i) * 3);
  const body = JSON.stringify({ shape: [1000, 100], input, dy: input });
  const heavy = Promise.all(
    Array.from({ length: 5 }, () => fetch(`${baseURL}/api/bn/backward`, json(body)).then(async (response) => expect((await response.json()).dx).toHaveLength(100_000))),
  );
  const small = JSON.stringify({ layer: "BatchNorm2d", numFeatures: 64 });
  const slowest = await slowestWhile(heavy, () => fetch(`${baseURL}/api/bn/params`, json(small)).then((response) => response.json()));
  expect(slowest).toBeLessThan(1_000);
});

test("every response carries the security headers; each page its own script nonce, which its scripts carry", async ({ page, baseURL }) => {
  const policies: string[] = [];
  for (const path of ["/", "/calculator"]) {
    const response = (await page.goto(path))!;
    const headers = response.headers();
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["permissions-policy"]).toContain("publickey-credentials-get=(self)");
    expect(headers["permissions-policy"]).toContain("camera=()");
    const policy = headers["content-security-policy"]!;
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    const nonce = /'nonce-([^']+)'/.exec(policy)![1]!;
    // The page as served (chunks the page loads later are admitted by 'strict-dynamic' and carry no nonce).
    const scripts = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((tag) => !tag.includes(` nonce="${nonce}"`))).toEqual([]);
    policies.push(policy);
  }
  expect(policies[0]).not.toBe(policies[1]);
  const api = await request.newContext({ baseURL });
  const health = await api.get("/api/health");
  expect(health.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
  expect(health.headers()["x-content-type-options"]).toBe("nosniff");
  await api.dispose();
});

test("a calculator link that folds a million seeded weights is computed in the browser, not by the server", async ({ page, baseURL }) => {
  const link = "/calculator?calc=fold&kind=conv&wshape=1000,1000,1,1&wseed=7";
  const api = await request.newContext({ baseURL });
  const html = await (await api.get(link)).text();
  expect(html).toContain('aria-busy="true"');
  expect(html).not.toContain('data-testid="fold-table"');
  await api.dispose();
  await page.goto(link);
  await expect(page.getByTestId("fold-table").locator("tbody tr")).toHaveCount(256);
});
