// Lighthouse (mobile preset, simulated throttling) on every main page of a production build, next to a bare
// Next.js page built from bench/bare-app with the same `next` in the same run: on these shared 2-core machines
// only the distance to that floor means anything. Builds both apps, serves them on free ports on a throwaway
// database, seeds a learner with some progress (so /study and /stats show real content), runs every page
// RUNS times in interleaved rounds, prints medians, then one JSON line.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { createServer } from "node:net";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const PAGES = process.env.BENCH_PAGES?.split(",") ?? ["/", "/study", "/quiz", "/cards", "/calculator", "/stats"];
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SYSTEM_CHROMIUM = "/usr/bin/chromium";
const CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync";
// The targets, against the bare page measured in the same run.
const TARGET = { performanceBelowBare: 3, accessibility: 100, lcpMs: 2500, tbtAboveBareMs: 100 };

const project = process.cwd();
const nextBin = join(project, "node_modules/.bin/next");
const lighthouseBin = join(project, "node_modules/.bin/lighthouse");
const reports = join(project, "bench/out/pages");
const chromePath = process.env.CHROME_PATH ?? (existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined);
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URL: "file:./data/bench-pages.db",
  NEXT_TELEMETRY_DISABLED: "1",
  ...(chromePath ? { CHROME_PATH: chromePath } : {}),
};

type Figures = { performance: number; accessibility: number; tbtMs: number; lcpMs: number; cls: number; scriptKb: number };
type PageFigures = Figures & { firstLoadJsKb: number };

function run(command: string, args: string[], cwd = project) {
  execFileSync(command, args, { cwd, env, stdio: ["ignore", "ignore", "inherit"] });
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
    server.on("error", reject);
  });
}

async function serve(cwd: string): Promise<{ base: string; server: ChildProcess }> {
  const port = await freePort();
  const server = spawn(nextBin, ["start", "-p", String(port), "-H", "127.0.0.1"], { cwd, env, stdio: "ignore", detached: true });
  const base = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries++) {
    try {
      await fetch(base + "/");
      return { base, server };
    } catch {
      if (tries > 120) throw new Error(`next start in ${cwd} did not answer`);
      await new Promise((wait) => setTimeout(wait, 500));
    }
  }
}

/**
 * Turbopack takes the proxy.ts of the workspace root it detects (the folder with the lockfile) as the app's own,
 * so bench/bare-app is built from a copy outside the repository, which reaches `next` through a link to this
 * project's node_modules (its next.config.js makes the filesystem root Turbopack's root for that).
 */
function buildBareApp(): string {
  const copy = mkdtempSync(join(tmpdir(), "bench-bare-app-"));
  cpSync(join(project, "bench/bare-app"), copy, { recursive: true });
  symlinkSync(join(project, "node_modules"), join(copy, "node_modules"));
  run(nextBin, ["build"], copy);
  return copy;
}

async function expectStatus(response: Promise<Response>, status: number, what: string) {
  const answer = await response;
  if (answer.status !== status) throw new Error(`${what}: expected ${status}, got ${answer.status} ${await answer.text()}`);
  return answer;
}

/** A learner with a day of reviews and one finished quiz, made through the app's JSON API as a script would. */
async function seedLearner(base: string): Promise<string> {
  const home = await expectStatus(fetch(base + "/"), 200, "GET /");
  const cookie = home.headers.get("set-cookie")!.split(";")[0]!;
  const headers = { cookie, "content-type": "application/json" };
  const cards = await (await fetch(base + "/cards", { headers: { cookie } })).text();
  const ids = [...new Set([...cards.matchAll(/href="\/cards\/([a-z0-9-]+)"/g)].map((match) => match[1]!))];
  const ratings = [3, 3, 4, 1, 3, 2, 3, 3, 4, 1, 3, 3];
  for (const [index, cardId] of ids.slice(0, ratings.length).entries()) {
    const body = JSON.stringify({ cardId, rating: ratings[index], durationMs: 6000 });
    await expectStatus(fetch(base + "/api/reviews", { method: "POST", headers, body }), 201, `grade ${cardId}`);
  }
  const quizRequest = JSON.stringify({ mode: "custom", types: ["concept"], count: 5 });
  const quiz = (await (await expectStatus(fetch(base + "/api/quizzes", { method: "POST", headers, body: quizRequest }), 201, "new quiz")).json()) as {
    id: string;
    questions: number;
  };
  const outcomes = ["right", "partly", "right", "wrong", "right"];
  for (let position = 0; position < quiz.questions; position++) {
    const body = JSON.stringify({ position, response: { kind: "self", outcome: outcomes[position % outcomes.length] } });
    await expectStatus(fetch(`${base}/api/quizzes/${quiz.id}/answers`, { method: "POST", headers, body }), 201, `answer ${position}`);
  }
  return cookie;
}

/** The gzip size of the scripts the page's HTML asks for: what a phone downloads before the page can respond. */
async function firstLoadJsKb(url: string, cookie: string): Promise<number> {
  const html = await (await fetch(url, { headers: { cookie } })).text();
  // A nomodule script (Next's polyfills) is never fetched by a browser that runs modules.
  const tags = [...html.matchAll(/<script[^>]+src="([^"]+)"[^>]*>/g)].filter((match) => !/\snomodule\b/i.test(match[0]));
  const scripts = [...new Set(tags.map((match) => match[1]!))];
  let bytes = 0;
  for (const src of scripts) bytes += gzipSync(Buffer.from(await (await fetch(new URL(src, url))).arrayBuffer())).length;
  return bytes / 1024;
}

type Report = {
  categories: Record<"performance" | "accessibility", { score: number }>;
  audits: Record<string, { numericValue?: number; details?: { items?: { resourceType?: string; transferSize?: number }[] } }>;
};

function lighthouse(url: string, cookie: string, reportFile: string): Figures {
  run(lighthouseBin, [
    url,
    "--quiet",
    "--output=json",
    `--output-path=${reportFile}`,
    "--only-categories=performance,accessibility",
    `--chrome-flags=${CHROME_FLAGS}`,
    `--extra-headers=${JSON.stringify({ Cookie: cookie })}`,
  ]);
  const report = JSON.parse(readFileSync(reportFile, "utf8")) as Report;
  const scripts = report.audits["network-requests"]!.details!.items!.filter((item) => item.resourceType === "Script");
  return {
    performance: Math.round(report.categories.performance.score * 100),
    accessibility: Math.round(report.categories.accessibility.score * 100),
    tbtMs: report.audits["total-blocking-time"]!.numericValue!,
    lcpMs: report.audits["largest-contentful-paint"]!.numericValue!,
    cls: report.audits["cumulative-layout-shift"]!.numericValue!,
    scriptKb: scripts.reduce((sum, item) => sum + (item.transferSize ?? 0), 0) / 1024,
  };
}

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function medians(runs: Figures[]): Figures {
  const of = (key: keyof Figures) => median(runs.map((figures) => figures[key]));
  return { performance: of("performance"), accessibility: of("accessibility"), tbtMs: of("tbtMs"), lcpMs: of("lcpMs"), cls: of("cls"), scriptKb: of("scriptKb") };
}

const round = (value: number, digits = 0) => Number(value.toFixed(digits));

const started = Date.now();
const loadAtStart = loadavg()[0]!;
const servers: ChildProcess[] = [];
let bareCopy: string | null = null;
try {
  console.error("bench:pages: preparing the database and building both apps…");
  run("npx", ["tsx", "scripts/remove-database.ts"]);
  run("npm", ["run", "--silent", "db:deploy"]);
  run("npm", ["run", "--silent", "deck:sync"]);
  run(nextBin, ["build"]);
  bareCopy = buildBareApp();
  const app = await serve(project);
  const bare = await serve(bareCopy);
  servers.push(app.server, bare.server);
  const cookie = await seedLearner(app.base);

  rmSync(reports, { recursive: true, force: true });
  mkdirSync(reports, { recursive: true });
  const targets = [{ name: "bare", url: bare.base + "/" }, ...PAGES.map((path) => ({ name: path, url: app.base + path }))];
  const firstLoad = new Map<string, number>();
  for (const target of targets) firstLoad.set(target.name, await firstLoadJsKb(target.url, cookie));
  const runs = new Map<string, Figures[]>(targets.map((target) => [target.name, []]));
  // Rounds rather than page after page, so a burst of load from a neighbour spreads over all pages alike.
  for (let index = 0; index < RUNS; index++) {
    for (const target of targets) {
      const file = join(reports, `${target.name === "/" ? "home" : target.name.replace(/\//g, "")}-${index + 1}.json`);
      const figures = lighthouse(target.url, cookie, file);
      runs.get(target.name)!.push(figures);
      console.error(`  round ${index + 1}/${RUNS} ${target.name.padEnd(12)} performance ${figures.performance}, TBT ${round(figures.tbtMs)} ms, LCP ${round(figures.lcpMs)} ms`);
    }
  }

  const results = new Map<string, PageFigures>();
  for (const target of targets) results.set(target.name, { ...medians(runs.get(target.name)!), firstLoadJsKb: firstLoad.get(target.name)! });
  const floor = results.get("bare")!;
  const meets = (figures: PageFigures) => ({
    performance: figures.performance >= floor.performance - TARGET.performanceBelowBare,
    accessibility: figures.accessibility >= TARGET.accessibility,
    lcp: figures.lcpMs < TARGET.lcpMs,
    tbt: figures.tbtMs <= floor.tbtMs + TARGET.tbtAboveBareMs,
  });

  const columns = ["page", "perf", "a11y", "TBT ms", "LCP s", "CLS", "first-load JS KB", "all JS KB", "perf Δ", "TBT Δ ms", "JS Δ KB", "targets"];
  const widths = [12, 5, 5, 7, 6, 6, 17, 10, 7, 9, 8, 0];
  const line = (cells: (string | number)[]) => cells.map((cell, index) => String(cell).padEnd(widths[index]!)).join(" ").trimEnd();
  const load = `load average ${loadAtStart.toFixed(1)} → ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`;
  console.log(`\nLighthouse ${RUNS}× per page, medians (mobile, simulated throttling); JS in gzip KB; Δ against the bare page; ${load}`);
  console.log(line(columns));
  for (const [name, figures] of results) {
    const check = meets(figures);
    const missed = Object.entries(check).filter(([, met]) => !met).map(([target]) => target);
    console.log(
      line([
        name,
        figures.performance,
        figures.accessibility,
        round(figures.tbtMs),
        round(figures.lcpMs / 1000, 2),
        round(figures.cls, 3),
        round(figures.firstLoadJsKb, 1),
        round(figures.scriptKb, 1),
        name === "bare" ? "" : figures.performance - floor.performance,
        name === "bare" ? "" : `${figures.tbtMs >= floor.tbtMs ? "+" : ""}${round(figures.tbtMs - floor.tbtMs)}`,
        name === "bare" ? "" : `+${round(figures.firstLoadJsKb - floor.firstLoadJsKb, 1)}`,
        name === "bare" ? "" : missed.length === 0 ? "all met" : `missed: ${missed.join(", ")}`,
      ]),
    );
  }
  console.log(
    JSON.stringify({
      runs: RUNS,
      seconds: Math.round((Date.now() - started) / 1000),
      loadAverage: [round(loadAtStart, 1), round(loadavg()[0]!, 1)],
      pages: Object.fromEntries(
        [...results].map(([name, figures]) => [
          name,
          {
            performance: figures.performance,
            accessibility: figures.accessibility,
            tbtMs: round(figures.tbtMs),
            lcpMs: round(figures.lcpMs),
            cls: round(figures.cls, 3),
            firstLoadJsKb: round(figures.firstLoadJsKb, 1),
            scriptKb: round(figures.scriptKb, 1),
            ...(name === "bare" ? {} : { targetsMet: meets(figures) }),
          },
        ]),
      ),
    }),
  );
} finally {
  for (const server of servers) process.kill(-server.pid!, "SIGTERM");
  if (bareCopy) rmSync(bareCopy, { recursive: true, force: true });
}

