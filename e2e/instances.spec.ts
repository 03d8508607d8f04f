// Several app instances on one PostgreSQL database, as behind a load balancer (run on PostgreSQL only).
import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import { expect, request, test, type APIRequestContext } from "./fixtures";
import { freshDatabase, signal, sql, startServer, type Server } from "./servers";

test.describe.configure({ mode: "serial" });
test.setTimeout(180_000);

let database: string;
let a: Server;
let b: Server;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  database = await freshDatabase("instances");
  // Both start at once on an empty database: each migrates and syncs the deck, and they must not trip on each other.
  [a, b] = await Promise.all([startServer(3111, database), startServer(3112, database)]);
});

test.afterAll(async () => {
  for (const server of [a, b]) if (server) signal(server, "SIGKILL");
});

async function learnerIdOf(api: APIRequestContext) {
  const token = (await api.storageState()).cookies.find((cookie) => cookie.name === "bn_learner")!.value;
  return createHash("sha256").update(token).digest("hex");
}

async function learner(baseURL: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL });
  expect((await api.get("/")).status()).toBe(200);
  return api;
}

test("two instances starting at once on a fresh database apply each migration once and sync the deck once @instances", async () => {
  const migrations = readdirSync("prisma/postgresql/migrations").filter((name) => /^\d{14}_/.test(name)).sort();
  const applied = await sql<{ migration_name: string }>(database, `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name`);
  expect(applied.map((row) => row.migration_name)).toEqual(migrations);
  const cards = readdirSync("content/cards").filter((name) => name.endsWith(".md")).length;
  expect(await sql(database, `SELECT count(*)::int AS n FROM "Card" WHERE NOT "retired"`)).toEqual([{ n: cards }]);
  // One sync added the deck; the other, waiting its turn, found it all there.
  const reports = [a, b].map((server) => /deck:sync: (\d+) added, (\d+) updated, (\d+) retired, (\d+) unchanged/.exec(server.output())!.slice(1).map(Number));
  expect(reports.map(([added]) => added).sort()).toEqual([0, cards]);
  expect(reports.find(([added]) => added === 0)).toEqual([0, 0, 0, cards]);
});

test("one learner grades through both instances in turn, and an undo on B takes back the grade made on A @instances", async () => {
  const api = await learner(a.baseURL);
  const cards = (await sql<{ id: string }>(database, `SELECT "id" FROM "Card" WHERE NOT "retired" ORDER BY "position" LIMIT 4`)).map((row) => row.id);
  for (const [index, cardId] of cards.entries()) {
    const server = index % 2 === 0 ? a : b;
    const graded = await api.post(`${server.baseURL}/api/reviews`, { data: { cardId, rating: 3 } });
    expect(graded.status()).toBe(201);
  }
  // The last grade went through B; take it back there, then the one made on A before it, also on B.
  const undone = await api.post(`${b.baseURL}/api/reviews/undo`);
  expect(await undone.json()).toMatchObject({ cardId: cards[3] });
  const second = await api.post(`${b.baseURL}/api/reviews/undo`);
  expect(await second.json()).toMatchObject({ cardId: cards[2] });
  const left = await sql<{ cardId: string }>(database, `SELECT "cardId" FROM "ReviewLog" WHERE "learnerId" = $1 ORDER BY "reviewedAt"`, [await learnerIdOf(api)]);
  expect(left.map((row) => row.cardId)).toEqual(cards.slice(0, 2));
  await api.dispose();
});

test("one quiz question answered on both instances at the same moment counts exactly once @instances", async () => {
  const api = await learner(a.baseURL);
  for (let round = 0; round < 5; round++) {
    const created = await api.post(`${a.baseURL}/api/quizzes`, { data: { mode: "custom", types: ["concept"], count: 5 } });
    const { id } = await created.json();
    const answer = { position: 0, response: { kind: "self", outcome: "right" } };
    const [first, second] = await Promise.all([a, b].map((server) => api.post(`${server.baseURL}/api/quizzes/${id}/answers`, { data: answer })));
    expect([first!.status(), second!.status()].sort()).toEqual([201, 409]);
    const answered = await sql(database, `SELECT count(*)::int AS n FROM "QuizQuestion" WHERE "quizId" = $1 AND "answeredAt" IS NOT NULL`, [id]);
    expect(answered).toEqual([{ n: 1 }]);
    const reviews = await sql(database, `SELECT count(*)::int AS n FROM "QuizQuestion" q JOIN "ReviewLog" r ON r."id" = q."reviewLogId" WHERE q."quizId" = $1`, [id]);
    expect(reviews).toEqual([{ n: 1 }]);
  }
  await api.dispose();
});

test("100 learners grading through both instances at once: every acknowledged grade is stored, none twice @instances", async () => {
  const cards = (await sql<{ id: string }>(database, `SELECT "id" FROM "Card" WHERE NOT "retired" ORDER BY "position" LIMIT 3`)).map((row) => row.id);
  const learners = await Promise.all(Array.from({ length: 100 }, (_, index) => learner(index % 2 ? b.baseURL : a.baseURL)));
  const acknowledged = await Promise.all(
    learners.map(async (api, index) => {
      const ids: number[] = [];
      for (const [round, cardId] of cards.entries()) {
        const server = (index + round) % 2 ? b : a;
        const response = await api.post(`${server.baseURL}/api/reviews`, { data: { cardId, rating: 3 } });
        expect(response.status()).toBe(201);
        ids.push((await response.json()).reviewId);
      }
      return ids;
    }),
  );
  const ids = acknowledged.flat();
  expect(new Set(ids).size).toBe(300);
  const stored = await sql<{ id: number }>(database, `SELECT "id" FROM "ReviewLog" WHERE "id" = ANY($1::int[])`, [ids]);
  expect(stored).toHaveLength(300);
  const perLearner = await sql<{ n: number }>(database, `SELECT count(*)::int AS n FROM "ReviewLog" WHERE "id" = ANY($1::int[]) GROUP BY "learnerId"`, [ids]);
  expect(perLearner.map((row) => row.n)).toEqual(Array(100).fill(3));
  await Promise.all(learners.map((api) => api.dispose()));
});
