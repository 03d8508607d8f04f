// `npm run bench:load` (after `npm run build`): how the grade path holds up under many learners, on each
// engine, against a production server (scripts/serve.ts) on a throwaway database. For each engine it measures:
//  - the ceiling: how fast the server refuses an unauthenticated grade (401, no database work): this
//    framework's own cost per request on this machine;
//  - grades per second with 50 learners grading back to back, and as a ratio to the ceiling;
//  - quiz answers per second with 50 learners answering back to back;
//  - latency (p50, p99, max) with 200 learners who each grade about once every 2 s, as people reading cards do.
// It prints the figures and ends with one JSON line. Timings on a shared 2-core machine move with its load:
// read the ratios, measured in the same run.
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, rmSync } from "node:fs";
import http from "node:http";
import { startCluster, type Cluster } from "../scripts/postgres";

const PORT = Number(process.env.BENCH_PORT ?? 3300);
const CEILING_SECONDS = 5;
const BACK_TO_BACK_SECONDS = 10;
const PACED_SECONDS = 20;
const CARDS = readdirSync("content/cards").filter((name) => name.endsWith(".md")).map((name) => name.slice(0, -3));

const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });

type Reply = { status: number; body: string; cookie?: string };
function send(method: string, path: string, { body, cookie }: { body?: unknown; cookie?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = {};
    if (payload !== undefined) headers["content-type"] = "application/json";
    if (cookie) headers.cookie = cookie;
    const request = http.request({ host: "127.0.0.1", port: PORT, path, method, agent, headers }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => (text += chunk));
      response.on("end", () => {
        const set = response.headers["set-cookie"]?.find((value) => value.startsWith("bn_learner="));
        resolve({ status: response.statusCode!, body: text, cookie: set?.split(";")[0] });
      });
    });
    request.on("error", reject);
    request.end(payload);
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

async function startServer(databaseUrl: string): Promise<ChildProcess> {
  const env = { ...process.env, DATABASE_URL: databaseUrl, PORT: String(PORT), HOSTNAME: "127.0.0.1", NEXT_TELEMETRY_DISABLED: "1" };
  const server = spawn("npm", ["run", "--silent", "serve"], { env, stdio: "ignore", detached: true });
  for (let tries = 0; tries < 480; tries++) {
    try {
      if ((await send("GET", "/api/health")).status === 200) return server;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("the server did not come up");
}

async function newLearners(count: number): Promise<string[]> {
  const cookies: string[] = [];
  for (let i = 0; i < count; i++) cookies.push((await send("GET", "/quiz")).cookie!);
  return cookies;
}

/** `workers` loops running `request` back to back for `seconds`; returns completions per second and latencies. */
async function closedLoop(workers: number, seconds: number, request: (worker: number, n: number) => Promise<number>, expected: number) {
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      for (let n = 0; performance.now() < deadline; n++) {
        const start = performance.now();
        const status = await request(worker, n);
        if (status !== expected) throw new Error(`expected ${expected}, got ${status}`);
        latencies.push(performance.now() - start);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return { perSecond: latencies.length / elapsed, latencies: latencies.sort((a, b) => a - b) };
}

/** Each learner grades about every `meanMs` (uniformly 0.5–1.5× of it), whatever the server's speed: an open loop. */
async function pacedLoad(cookies: string[], meanMs: number, seconds: number) {
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  let failed = 0;
  await Promise.all(
    cookies.map(async (cookie, learner) => {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * meanMs));
      const pending: Promise<void>[] = [];
      for (let n = 0; performance.now() < deadline; n++) {
        const start = performance.now();
        pending.push(
          send("POST", "/api/reviews", { body: { cardId: CARDS[(learner * 13 + n) % CARDS.length], rating: 3, durationMs: 2000 }, cookie }).then((reply) => {
            if (reply.status === 201) latencies.push(performance.now() - start);
            else failed++;
          }),
        );
        await new Promise((resolve) => setTimeout(resolve, meanMs * (0.5 + Math.random())));
      }
      await Promise.all(pending);
    }),
  );
  return { offered: latencies.length / seconds, latencies: latencies.sort((a, b) => a - b), failed };
}

async function measure(engine: "sqlite" | "postgresql") {
  let cluster: Cluster | null = null;
  let databaseUrl = "file:./data/bench-load.db";
  if (engine === "sqlite") for (const suffix of ["", "-wal", "-shm"]) rmSync(`data/bench-load.db${suffix}`, { force: true });
  else {
    cluster = await startCluster();
    databaseUrl = cluster.url("app");
  }
  const server = await startServer(databaseUrl);
  try {
    const cookies = await newLearners(200);
    const ceiling = await closedLoop(50, CEILING_SECONDS, () => send("POST", "/api/reviews", { body: { cardId: CARDS[0], rating: 3 } }).then((r) => r.status), 401);
    const grades = await closedLoop(
      50,
      BACK_TO_BACK_SECONDS,
      (worker, n) => send("POST", "/api/reviews", { body: { cardId: CARDS[(worker * 7 + n) % CARDS.length], rating: 3 }, cookie: cookies[worker] }).then((r) => r.status),
      201,
    );
    // Quiz answers: each learner works through 20-question quizzes of explain questions, self-graded.
    const quizzes = new Map<number, { id: string; next: number }>();
    const answers = await closedLoop(
      50,
      BACK_TO_BACK_SECONDS,
      async (worker) => {
        let quiz = quizzes.get(worker);
        if (!quiz || quiz.next === 20) {
          const created = await send("POST", "/api/quizzes", { body: { mode: "custom", types: ["concept"], count: 20 }, cookie: cookies[100 + worker] });
          quiz = { id: JSON.parse(created.body).id, next: 0 };
          quizzes.set(worker, quiz);
        }
        const reply = await send("POST", `/api/quizzes/${quiz.id}/answers`, {
          body: { position: quiz.next, response: { kind: "self", outcome: "right" } },
          cookie: cookies[100 + worker],
        });
        quiz.next++;
        return reply.status;
      },
      201,
    );
    const paced = await pacedLoad(cookies, 2000, PACED_SECONDS);
    return {
      ceilingPerSecond: Math.round(ceiling.perSecond),
      gradesPerSecond: Math.round(grades.perSecond),
      gradesToCeiling: Number((grades.perSecond / ceiling.perSecond).toFixed(2)),
      gradeP50Ms: Number(percentile(grades.latencies, 0.5).toFixed(1)),
      quizAnswersPerSecond: Math.round(answers.perSecond),
      quizAnswersToCeiling: Number((answers.perSecond / ceiling.perSecond).toFixed(2)),
      pacedPerSecond: Math.round(paced.offered),
      pacedP50Ms: Number(percentile(paced.latencies, 0.5).toFixed(1)),
      pacedP99Ms: Number(percentile(paced.latencies, 0.99).toFixed(1)),
      pacedMaxMs: Number(paced.latencies.at(-1)!.toFixed(1)),
      pacedFailed: paced.failed,
    };
  } finally {
    process.kill(-server.pid!, "SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
    cluster?.stop();
  }
}

const results: Record<string, Awaited<ReturnType<typeof measure>>> = {};
for (const engine of ["sqlite", "postgresql"] as const) {
  const figures = await measure(engine);
  results[engine] = figures;
  console.log(
    `${engine.padEnd(10)} ceiling ${figures.ceilingPerSecond}/s · grades back to back (50 learners) ${figures.gradesPerSecond}/s = ${figures.gradesToCeiling}× ceiling, p50 ${figures.gradeP50Ms} ms · ` +
      `quiz answers ${figures.quizAnswersPerSecond}/s = ${figures.quizAnswersToCeiling}× · 200 paced learners (${figures.pacedPerSecond}/s): p50 ${figures.pacedP50Ms} ms, p99 ${figures.pacedP99Ms} ms, max ${figures.pacedMaxMs} ms`,
  );
}
console.log(JSON.stringify(results));
agent.destroy();
