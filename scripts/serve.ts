// Serves a built app: `npm run serve` (what `npm start` ends with). Several instances may run from one build,
// on one machine or many, against one PostgreSQL. On SIGTERM or SIGINT the server stops accepting
// connections, lets the requests in flight finish (for up to 10 s), closes the database and exits; a grade
// acknowledged before the signal is in the database.
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import next from "next";
import { transportSecurity } from "../lib/http/security";

const DRAIN_MS = 10_000;
const port = Number(process.env.PORT) || 3000;
const hostname = process.env.HOSTNAME || "0.0.0.0";
const dir = process.cwd();
const hsts = transportSecurity(process.env.APP_ORIGIN);

if (!existsSync(path.join(dir, ".next", "BUILD_ID"))) {
  console.error("serve: there is no build in .next: run `npm run build` first (or `npm start`, which builds when needed)");
  process.exit(1);
}

// Running servers register here, so that `npm start` never rebuilds .next under one of them.
const registry = path.join(dir, ".next", "running");
mkdirSync(registry, { recursive: true });
const registration = path.join(registry, String(process.pid));
writeFileSync(registration, String(port));

const app = next({ dev: false, dir, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();
/** Next.js answers 500 to a path whose percent-escapes do not decode (/cards/%ff): it is the client's mistake, a 400. */
function malformedPath(url: string | undefined): boolean {
  try {
    decodeURIComponent((url ?? "/").split("?")[0]!);
    return false;
  } catch {
    return true;
  }
}

const server = createServer((request, response) => {
  if (hsts) response.setHeader("Strict-Transport-Security", hsts);
  if (malformedPath(request.url)) {
    const api = request.url?.startsWith("/api/");
    response.writeHead(400, { "content-type": api ? "application/json" : "text/plain; charset=utf-8", "cache-control": "no-store" });
    const message = "The address has a malformed percent-escape.";
    response.end(api ? JSON.stringify({ error: { code: "bad_path", message, path: [] } }) : `400 Bad request: ${message}\n`);
    return;
  }
  // Per-address limits (code tries) need the address; a client-sent header of this name is not believed.
  const forwarded = process.env.TRUST_PROXY ? String(request.headers["x-forwarded-for"] ?? "").split(",")[0]?.trim() : "";
  request.headers["x-bn-client"] = forwarded || request.socket.remoteAddress || "unknown";
  void handle(request, response);
});
server.keepAliveTimeout = 5_000;
server.listen(port, hostname, () => {
  console.log(`serve: ready on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`);
  void warmUp();
});

/**
 * The first search of a process reads the whole deck's text into memory (its words, its formulas through
 * KaTeX): a few hundred milliseconds that this start pays instead of the first learner who searches.
 */
async function warmUp() {
  const host = hostname === "0.0.0.0" ? "127.0.0.1" : hostname === "::" ? "[::1]" : hostname;
  for (const lang of ["en", "zh"]) {
    await fetch(`http://${host}:${port}/cards?q=bn`, { headers: { cookie: `bn_lang=${lang}` } }).catch(() => undefined);
  }
}

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`serve: ${signal}: finishing requests in flight, then closing`);
  const drained = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const forced = setTimeout(() => server.closeAllConnections(), DRAIN_MS);
  await drained;
  clearTimeout(forced);
  // lib/db (bundled into the app) leaves its closer here: a module of this script would be a second copy.
  const closeDatabase = (globalThis as { [key: symbol]: (() => Promise<void>) | undefined })[Symbol.for("bn-interview-prep.closeDatabase")];
  await closeDatabase?.();
  await app.close();
  rmSync(registration, { force: true });
  process.exit(0);
}
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));
process.on("exit", () => rmSync(registration, { force: true }));
