// Extra production servers for the tests that start, stop or kill their own (durability, several instances,
// SIGTERM), on a fresh database of the engine the run uses: a file for SQLite, a new database on the run's
// PostgreSQL cluster (scripts/with-postgres.ts gives its admin URL).
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";

export const engine = process.env.DATABASE_URL?.startsWith("postgres") ? "postgresql" : "sqlite";

/** A database of its own for one test: nothing in it yet, not even the schema (serve migrates it). */
export async function freshDatabase(name: string): Promise<string> {
  if (engine === "sqlite") {
    const file = path.resolve(`data/e2e-${name}.db`);
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
    return `file:${file}`;
  }
  const admin = process.env.PG_ADMIN_URL!;
  const database = `e2e_${name.replace(/\W/g, "_")}_${randomBytes(3).toString("hex")}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE "${database}"`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Rows of a query (or a change) against a test database, whichever the engine ($1, $2… placeholders). */
export async function sql<T = Record<string, unknown>>(databaseUrl: string, text: string, params: unknown[] = []): Promise<T[]> {
  if (databaseUrl.startsWith("file:")) {
    const db = new Database(databaseUrl.slice("file:".length));
    try {
      const statement = db.prepare(text);
      const values = Object.fromEntries(params.map((value, index) => [index + 1, value]));
      return (statement.reader ? statement.all(values) : (statement.run(values), [])) as T[];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

export type Server = { process: ChildProcess; baseURL: string; exited: Promise<number | null>; output: () => string };

/**
 * `npm run serve` (migrations, deck sync, then the built app) on a port, in its own process group so one
 * signal reaches npm, tsx and the server alike; resolves once /api/health answers 200.
 */
export async function startServer(port: number, databaseUrl: string, { prepare = true } = {}): Promise<Server> {
  const args = prepare ? ["run", "--silent", "serve"] : ["tsx", "scripts/serve.ts"];
  const child = spawn(prepare ? "npm" : "npx", args, {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOSTNAME: "127.0.0.1", NEXT_TELEMETRY_DISABLED: "1" },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const baseURL = `http://localhost:${port}`;
  for (let tries = 0; tries < 240; tries++) {
    if (child.exitCode !== null) throw new Error(`server on ${port} exited: ${output}`);
    try {
      if ((await fetch(`${baseURL}/api/health`)).status === 200) return { process: child, baseURL, exited, output: () => output };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`server on ${port} did not come up: ${output}`);
}

/** Sends a signal to the server's whole process group. */
export function signal(server: Server, name: NodeJS.Signals) {
  try {
    process.kill(-server.process.pid!, name);
  } catch {
    // already gone
  }
}

/** The pid of the node process serving `port` (scripts/serve.ts registers itself in .next/running). */
export function serverPid(port: number): number {
  for (const name of readdirSync(".next/running")) {
    if (readFileSync(path.join(".next/running", name), "utf8") === String(port)) return Number(name);
  }
  throw new Error(`no server registered for port ${port}`);
}

/** The database of the run's own server (Playwright's webServer). */
export function e2eDatabaseUrl(): string {
  return engine === "postgresql" ? process.env.DATABASE_URL! : `file:${path.resolve("data/e2e.db")}`;
}
