// A grade or quiz answer the server has acknowledged must be in the database: this starts its own production
// server (the build the run made) on its own database, and SIGKILLs it right after the 201.
import { createHash } from "node:crypto";
import { expect, request, test, type APIRequestContext } from "./fixtures";
import { freshDatabase, serverPid, signal, sql, startServer, type Server } from "./servers";

const PORT = 3107;

async function killHard(server: Server) {
  signal(server, "SIGKILL");
  await server.exited;
}

async function learnerOf(api: APIRequestContext) {
  await api.get("/");
  const token = (await api.storageState()).cookies.find((cookie) => cookie.name === "bn_learner")!.value;
  return createHash("sha256").update(token).digest("hex");
}

test("a review and a quiz answer acknowledged to the browser survive SIGKILL of the server right after", async () => {
  test.setTimeout(180_000);
  const database = await freshDatabase("durability");
  let server = await startServer(PORT, database);
  const [first] = await sql<{ id: string }>(database, `SELECT "id" FROM "Card" WHERE "retired" = $1 ORDER BY "position" LIMIT 1`, [database.startsWith("file:") ? 0 : false]);
  const cardId = first!.id;
  const api = await request.newContext({ baseURL: server.baseURL });
  const learnerId = await learnerOf(api);
  const graded = await api.post("/api/reviews", { data: { cardId, rating: 3, durationMs: 1234 } });
  expect(graded.status()).toBe(201);
  await killHard(server);

  expect(await sql(database, `SELECT "rating", "durationMs" FROM "ReviewLog" WHERE "learnerId" = $1 AND "cardId" = $2`, [learnerId, cardId])).toEqual([
    { rating: 3, durationMs: 1234 },
  ]);
  expect(await sql(database, `SELECT "reps" FROM "CardState" WHERE "learnerId" = $1 AND "cardId" = $2`, [learnerId, cardId])).toEqual([{ reps: 1 }]);

  server = await startServer(PORT, database, { prepare: false });
  const quiz = await api.post("/api/quizzes", {
    data: { mode: "custom", topics: ["parameters"], difficulties: ["E", "M", "H"], types: ["concept"], count: 5 },
  });
  expect(quiz.status()).toBe(201);
  const { id: quizId } = await quiz.json();
  const answered = await api.post(`/api/quizzes/${quizId}/answers`, { data: { position: 0, response: { kind: "self", outcome: "right" } } });
  expect(answered.status()).toBe(201);
  await killHard(server);

  const [question] = await sql<{ outcome: string; rating: number; reviewLogId: number }>(
    database,
    `SELECT "outcome", "rating", "reviewLogId" FROM "QuizQuestion" WHERE "quizId" = $1 AND "position" = 0`,
    [quizId],
  );
  expect(question).toMatchObject({ outcome: "right", rating: 3 });
  expect(await sql(database, `SELECT "learnerId", "rating" FROM "ReviewLog" WHERE "id" = $1`, [question!.reviewLogId])).toEqual([{ learnerId, rating: 3 }]);
  await api.dispose();
});

test("on SIGTERM under load the server finishes the requests in flight: every grade it acknowledged is stored", async () => {
  test.setTimeout(180_000);
  const database = await freshDatabase("sigterm");
  const server = await startServer(3108, database);
  const cards = (await sql<{ id: string }>(database, `SELECT "id" FROM "Card" ORDER BY "position"`)).map((row) => row.id);
  const learners = await Promise.all(
    Array.from({ length: 20 }, async () => {
      const api = await request.newContext({ baseURL: server.baseURL });
      await api.get("/");
      return api;
    }),
  );
  const acknowledged: number[] = [];
  const failures: string[] = [];
  let stop = false;
  const load = learners.map(async (api, index) => {
    for (let n = 0; !stop; n++) {
      try {
        const response = await api.post("/api/reviews", { data: { cardId: cards[(index * 7 + n) % cards.length], rating: 3 } });
        if (response.status() === 201) acknowledged.push((await response.json()).reviewId);
        else failures.push(`status ${response.status()}`);
      } catch {
        // Refused or reset once the server stopped accepting: never acknowledged, so nothing to find.
        return;
      }
    }
  });
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const before = acknowledged.length;
  const stopped = Date.now();
  process.kill(serverPid(3108), "SIGTERM");
  expect(await server.exited).toBe(0);
  stop = true;
  await Promise.all(load);
  expect(Date.now() - stopped).toBeLessThan(12_000);
  expect(before).toBeGreaterThan(20);
  expect(failures.filter((failure) => /status 5/.test(failure))).toEqual([]);
  const stored = await sql<{ id: number }>(database, `SELECT "id" FROM "ReviewLog"`);
  const storedIds = new Set(stored.map((row) => Number(row.id)));
  expect(acknowledged.filter((id) => !storedIds.has(id))).toEqual([]);
  await Promise.all(learners.map((api) => api.dispose()));
});
