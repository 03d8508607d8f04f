// `npm run bench:search`: how long /cards search takes on the server, on each engine, with the real deck.
// For each engine (a throwaway SQLite file, then a throwaway PostgreSQL 15 cluster) it syncs the deck and
// measures in a process of its own:
//  - searchCards (what the page awaits: glossary, full-text query, ranking, marks, excerpts) for 24 queries in
//    both languages, 5 rounds, after one warm-up round (the first, cold query is reported apart);
//  - next to a baseline measured in the same process: a primary-key lookup of one card through the same
//    read path (readSql), the least a database read costs;
// and, when a production build exists (`npm run build`), GET /cards?q=… of the same queries over HTTP against
// `npm run serve`, next to GET /api/health. It prints medians, p95 and the ratios, then one JSON line.
// Timings on a shared 2-core machine move with its load: read the ratios, measured in the same run.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import http from "node:http";
import { startCluster, type Cluster } from "../scripts/postgres";

const PORT = Number(process.env.BENCH_PORT ?? 3250);
const ROUNDS = 5;

/** What learners type: English and Chinese, glossary terms and synonyms, code names, a typo, several words. */
const QUERIES = [
  "running var",
  "running mean",
  "GroupNorm",
  "LayerNorm transformer",
  "momentum",
  "batch size",
  "eval mode",
  "fold conv",
  "weight decay gamma",
  "dropout variance shift",
  "SyncBN",
  "num_batches_tracked",
  "bias=False",
  "Precise BN",
  "runing mean",
  "移动平均",
  "小批量",
  "组归一化",
  "动量",
  "折叠",
  "内部协变量偏移",
  "为什么",
  "每个通道",
  "",
];

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const percentile = (values: number[], p: number) => sorted(values)[Math.min(values.length - 1, Math.floor(values.length * p))]!;
const round = (value: number) => Number(value.toFixed(2));

type Figures = { medianMs: number; p95Ms: number; maxMs: number };
const figures = (samples: number[]): Figures => ({ medianMs: round(percentile(samples, 0.5)), p95Ms: round(percentile(samples, 0.95)), maxMs: round(Math.max(...samples)) });

/** The child: times searchCards and the baseline in this process, prints one JSON line. */
async function measureInProcess() {
  const { searchCards } = await import("../lib/cards/search");
  const { closeDatabase, query, readSql } = await import("../lib/db");
  const languages = ["en", "zh"] as const;
  let start = performance.now();
  await searchCards({ q: QUERIES[0]! }, "en");
  const coldMs = performance.now() - start;
  for (const q of QUERIES) for (const lang of languages) await searchCards({ q }, lang);
  const search: number[] = [];
  const baseline: number[] = [];
  let results = 0;
  for (let r = 0; r < ROUNDS; r++) {
    for (const q of QUERIES) {
      for (const lang of languages) {
        start = performance.now();
        results += (await searchCards({ q }, lang)).cards.length;
        search.push(performance.now() - start);
        start = performance.now();
        await readSql(() => query(`SELECT "id", "position" FROM "Card" WHERE "id" = $1`, ["bn-params-in-cnn"]));
        baseline.push(performance.now() - start);
      }
    }
  }
  await closeDatabase();
  console.log(JSON.stringify({ coldMs: round(coldMs), search: figures(search), baseline: figures(baseline), samples: search.length, results }));
}

// One kept-alive connection while timing, as a browser tab has; made after the in-process run, whose length
// would outlast the server's keep-alive timeout.
let agent: http.Agent | false = false;
function get(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port: PORT, path, agent }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode!));
    });
    request.on("error", reject);
    request.end();
  });
}

async function startServer(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const server = spawn("npm", ["run", "--silent", "serve"], { env: { ...env, PORT: String(PORT), HOSTNAME: "127.0.0.1" }, stdio: "ignore", detached: true });
  for (let tries = 0; tries < 480; tries++) {
    if (await get("/api/health").then((status) => status === 200, () => false)) return server;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("the server did not come up");
}

async function timePages() {
  agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const paths = QUERIES.map((q) => (q === "" ? "/cards" : `/cards?${new URLSearchParams({ q })}`));
  for (const path of paths) await get(path);
  const pages: number[] = [];
  const health: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (const path of paths) {
      let start = performance.now();
      const status = await get(path);
      pages.push(performance.now() - start);
      if (status !== 200) throw new Error(`${path}: ${status}`);
      start = performance.now();
      await get("/api/health");
      health.push(performance.now() - start);
    }
  }
  agent.destroy();
  agent = false;
  return { page: figures(pages), health: figures(health) };
}

async function measure(engine: "sqlite" | "postgresql") {
  let cluster: Cluster | null = null;
  let url = "file:./data/bench-search.db";
  if (engine === "sqlite") for (const suffix of ["", "-wal", "-shm"]) rmSync(`data/bench-search.db${suffix}`, { force: true });
  else url = (cluster = await startCluster()).url("app");
  const env = { ...process.env, DATABASE_URL: url, NEXT_TELEMETRY_DISABLED: "1" };
  const built = existsSync(".next/BUILD_ID");
  let server: ChildProcess | null = null;
  try {
    // The server migrates and syncs the deck itself; without a build, the same two steps by hand.
    if (built) server = await startServer(env);
    else for (const script of ["db:deploy", "deck:sync"]) execFileSync("npm", ["run", "--silent", script], { env, stdio: "ignore" });
    const child = execFileSync("npx", ["tsx", "--conditions=react-server", "bench/search.ts", "--in-process"], { env, encoding: "utf8" });
    const inProcess = JSON.parse(child.trim().split("\n").at(-1)!) as { coldMs: number; search: Figures; baseline: Figures; samples: number; results: number };
    return { ...inProcess, pages: server ? await timePages() : null };
  } finally {
    if (server) {
      process.kill(-server.pid!, "SIGTERM");
      await new Promise((resolve) => server!.once("exit", resolve));
    }
    cluster?.stop();
  }
}

if (process.argv.includes("--in-process")) {
  await measureInProcess();
} else {
  const results: Record<string, Awaited<ReturnType<typeof measure>>> = {};
  const summary: Record<string, number | null> = {};
  for (const engine of ["sqlite", "postgresql"] as const) {
    const r = (results[engine] = await measure(engine));
    const ratio = r.search.medianMs / r.baseline.medianMs;
    console.log(
      `${engine.padEnd(10)} searchCards: median ${r.search.medianMs} ms, p95 ${r.search.p95Ms} ms, max ${r.search.maxMs} ms over ${r.samples} searches` +
        ` (first, cold: ${r.coldMs} ms) · primary-key lookup: median ${r.baseline.medianMs} ms · ratio ${ratio.toFixed(1)}×`,
    );
    if (r.pages) {
      console.log(
        `${"".padEnd(10)} GET /cards?q=…: median ${r.pages.page.medianMs} ms, p95 ${r.pages.page.p95Ms} ms · GET /api/health: median ${r.pages.health.medianMs} ms · ratio ${(r.pages.page.medianMs / r.pages.health.medianMs).toFixed(1)}×`,
      );
    }
    Object.assign(summary, {
      [`${engine}MedianMs`]: r.search.medianMs,
      [`${engine}P95Ms`]: r.search.p95Ms,
      [`${engine}Ratio`]: round(ratio),
      [`${engine}PageMedianMs`]: r.pages?.page.medianMs ?? null,
      [`${engine}PageP95Ms`]: r.pages?.page.p95Ms ?? null,
    });
  }
  if (!results.sqlite!.pages) console.log("(no production build: run `npm run build` first for the page timings)");
  console.log(JSON.stringify(summary));
}
