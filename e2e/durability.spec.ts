// A grade or quiz answer the server has acknowledged must be on disk: this starts its own production server
// (the build Playwright's webServer made) on its own database, and SIGKILLs it right after the 201.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, request, test, type APIRequestContext } from "@playwright/test";

const PORT = 3107;
const baseURL = `http://127.0.0.1:${PORT}`;
const dbFile = path.resolve("data/e2e-durability.db");
const env = { ...process.env, DATABASE_URL: `file:${dbFile}`, PORT: String(PORT), NEXT_TELEMETRY_DISABLED: "1" };

function startServer(): ChildProcess {
  // Its own process group, so one kill takes npx, next and its workers together.
  return spawn("npx", ["next", "start", "-p", String(PORT)], { env, detached: true, stdio: "ignore" });
}

async function waitForServer() {
  for (let tries = 0; tries < 120; tries++) {
    try {
      if ((await fetch(`${baseURL}/api/export/anki?lang=xx`)).status === 400) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("next start did not come up");
}

async function killHard(server: ChildProcess) {
  const exited = new Promise((resolve) => server.once("exit", resolve));
  process.kill(-server.pid!, "SIGKILL");
  await exited;
}

async function learnerOf(api: APIRequestContext) {
  await api.get("/");
  const token = (await api.storageState()).cookies.find((cookie) => cookie.name === "bn_learner")!.value;
  return createHash("sha256").update(token).digest("hex");
}

test.beforeAll(() => {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(dbFile + suffix, { force: true });
  execFileSync("npm", ["run", "db:deploy"], { env, stdio: "ignore" });
  execFileSync("npm", ["run", "deck:sync"], { env, stdio: "ignore" });
});

test("a review and a quiz answer acknowledged to the browser survive SIGKILL of the server right after", async () => {
  test.setTimeout(180_000);
  const open = () => new Database(dbFile, { readonly: true });
  const setup = open();
  const cardId = (setup.prepare("SELECT id FROM Card WHERE retired = 0 ORDER BY position LIMIT 1").get() as { id: string }).id;
  setup.close();

  let server = startServer();
  await waitForServer();
  const api = await request.newContext({ baseURL });
  const learnerId = await learnerOf(api);
  const graded = await api.post("/api/reviews", { data: { cardId, rating: 3, durationMs: 1234 } });
  expect(graded.status()).toBe(201);
  await killHard(server);

  let db = open();
  expect(db.prepare("SELECT rating, durationMs FROM ReviewLog WHERE learnerId = ? AND cardId = ?").all(learnerId, cardId)).toEqual([
    { rating: 3, durationMs: 1234 },
  ]);
  expect(db.prepare("SELECT reps FROM CardState WHERE learnerId = ? AND cardId = ?").get(learnerId, cardId)).toEqual({ reps: 1 });
  db.close();

  server = startServer();
  await waitForServer();
  const quiz = await api.post("/api/quizzes", {
    data: { mode: "custom", topics: ["parameters"], difficulties: ["E", "M", "H"], types: ["concept"], count: 5 },
  });
  expect(quiz.status()).toBe(201);
  const { id: quizId } = await quiz.json();
  const answered = await api.post(`/api/quizzes/${quizId}/answers`, { data: { position: 0, response: { kind: "self", outcome: "right" } } });
  expect(answered.status()).toBe(201);
  await killHard(server);

  db = open();
  const question = db.prepare("SELECT outcome, rating, reviewLogId FROM QuizQuestion WHERE quizId = ? AND position = 0").get(quizId) as {
    outcome: string;
    rating: number;
    reviewLogId: number;
  };
  expect(question).toMatchObject({ outcome: "right", rating: 3 });
  expect(db.prepare("SELECT learnerId, rating FROM ReviewLog WHERE id = ?").get(question.reviewLogId)).toEqual({ learnerId, rating: 3 });
  db.close();
  await api.dispose();
});
