// Measures the foundation's two budgets against a production build (run `npm run build` first):
//  1. /study's first-load JavaScript (gzip) next to an empty page of the same build (the 404 page: layout only);
//  2. the round trip of a grade through POST /api/reviews, next to a request that only checks the cookie.
// Starts its own `next start` on a throwaway database; prints figures, then one JSON line.
import { execFileSync, spawn } from "node:child_process";
import http from "node:http";
import { rmSync } from "node:fs";
import { gzipSync } from "node:zlib";

const port = Number(process.env.BENCH_PORT ?? 3200);
const base = `http://127.0.0.1:${port}`;
const env = { ...process.env, DATABASE_URL: "file:./data/bench-test.db", NEXT_TELEMETRY_DISABLED: "1" };
const grades = 300;

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.floor(values.length * p)]!;

async function firstLoadJs(path: string): Promise<{ files: number; gzipBytes: number }> {
  const html = await (await fetch(base + path)).text();
  const scripts = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((match) => match[1]!))];
  let gzipBytes = 0;
  for (const src of scripts) gzipBytes += gzipSync(Buffer.from(await (await fetch(base + src)).arrayBuffer())).length;
  return { files: scripts.length, gzipBytes };
}

// One kept-alive connection, as a browser tab has: the figure is the server's round trip, not connection setup.
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
function post(path: string, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port, path, method: "POST", agent, headers }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode!));
    });
    request.on("error", reject);
    request.end(body);
  });
}

async function timeRequests(count: number, request: (i: number) => Promise<number>, expectedStatus: number) {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    const status = await request(i);
    samples.push(performance.now() - start);
    if (status !== expectedStatus) throw new Error(`expected ${expectedStatus}, got ${status}`);
  }
  return samples;
}

for (const suffix of ["", "-wal", "-shm"]) rmSync(`data/bench-test.db${suffix}`, { force: true });
execFileSync("npm", ["run", "--silent", "db:deploy"], { env, stdio: "ignore" });
execFileSync("npm", ["run", "--silent", "deck:sync"], { env, stdio: "ignore" });
const server = spawn("npx", ["next", "start", "-p", String(port)], { env, stdio: "ignore", detached: true });
try {
  for (let tries = 0; ; tries++) {
    try {
      if ((await fetch(base + "/")).ok) break;
    } catch {
      if (tries > 120) throw new Error("the server did not start");
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  const empty = await firstLoadJs("/no-such-page");
  const study = await firstLoadJs("/study");
  const extraKb = (study.gzipBytes - empty.gzipBytes) / 1024;
  console.log(`first-load JS (gzip): empty page ${(empty.gzipBytes / 1024).toFixed(1)} KB in ${empty.files} files, /study ${(study.gzipBytes / 1024).toFixed(1)} KB in ${study.files} files: +${extraKb.toFixed(1)} KB (budget +40 KB)`);

  const home = await fetch(base + "/");
  const cookie = home.headers.get("set-cookie")!.split(";")[0]!;
  const cards = [...(await (await fetch(base + "/cards", { headers: { cookie } })).text()).matchAll(/href="\/cards\/([a-z0-9-]+)"/g)].map((m) => m[1]!);
  const headers = { cookie, "content-type": "application/json" };
  const grade = (i: number) => post("/api/reviews", JSON.stringify({ cardId: cards[i % cards.length], rating: 1 + (i % 4) }), headers);
  const unauthorized = () => post("/api/reviews", "{}", { "content-type": "application/json" });
  await timeRequests(30, grade, 201);
  await timeRequests(30, unauthorized, 401);
  const gradeMs = await timeRequests(grades, grade, 201);
  const baselineMs = await timeRequests(grades, unauthorized, 401);
  console.log(`POST /api/reviews grade: median ${median(gradeMs).toFixed(2)} ms, p95 ${percentile(gradeMs, 0.95).toFixed(2)} ms over ${grades} grades (budget 10 ms median)`);
  console.log(`baseline (401 before any database work): median ${median(baselineMs).toFixed(2)} ms; ratio ${(median(gradeMs) / median(baselineMs)).toFixed(2)}`);
  console.log(
    JSON.stringify({
      studyExtraJsKb: Number(extraKb.toFixed(1)),
      emptyJsKb: Number((empty.gzipBytes / 1024).toFixed(1)),
      gradeMedianMs: Number(median(gradeMs).toFixed(2)),
      gradeP95Ms: Number(percentile(gradeMs, 0.95).toFixed(2)),
      baselineMedianMs: Number(median(baselineMs).toFixed(2)),
    }),
  );
} finally {
  process.kill(-server.pid!, "SIGTERM");
}
