// Gets the database ready to serve, or stops with one line that names the problem and writes nothing:
// a DATABASE_URL this app cannot use, a PostgreSQL it cannot reach, or a database migrated by a newer
// version of the app. Then applies the migrations (`prisma migrate deploy`, which on PostgreSQL takes a lock,
// so instances starting at once apply each migration once). SQLite: makes the file's folder and turns on WAL,
// which is stored in the file and so holds for every later connection.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { engineOf, migrationsDir, unknownEngineMessage } from "../lib/db/engine";
import { databaseUrl } from "../lib/db/url";

function fail(message: string): never {
  console.error(`database: ${message}`);
  process.exit(1);
}

const url = databaseUrl();
const engine = engineOf(url);
if (!engine) fail(unknownEngineMessage(url));
const known = new Set(readdirSync(migrationsDir(engine)).filter((name) => /^\d{14}_/.test(name)));

// Instances starting at once take turns here for the whole check-and-migrate (Prisma's own lock gives up
// after 10 s, which a slow first migration can outlast).
const MIGRATION_LOCK = 7_413_552;
const lock: { holder: pg.Client | null } = { holder: null };

async function appliedMigrations(): Promise<string[]> {
  if (engine === "sqlite") {
    const file = path.resolve(url.slice("file:".length));
    mkdirSync(path.dirname(file), { recursive: true });
    if (!existsSync(file)) return [];
    const db = new Database(file, { readonly: true });
    try {
      const table = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`).get();
      return table ? db.prepare(`SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL`).all().map((row) => (row as { name: string }).name) : [];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    const where = new URL(url);
    fail(`cannot reach PostgreSQL at ${where.hostname}:${where.port || 5432}/${where.pathname.slice(1)}: ${(error as Error).message}`);
  }
  await client.query(`SELECT pg_advisory_lock($1)`, [MIGRATION_LOCK]);
  lock.holder = client;
  const table = await client.query(`SELECT to_regclass('_prisma_migrations') AS t`);
  if (!table.rows[0]?.t) return [];
  return (await client.query(`SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL`)).rows.map((row: { name: string }) => row.name);
}

const newer = (await appliedMigrations()).filter((name) => !known.has(name));
if (newer.length > 0) {
  fail(`the database was migrated by a newer version of this app (migration ${newer.sort().at(-1)}); run that version, or restore a backup made for this one`);
}
if (engine === "sqlite") {
  const db = new Database(path.resolve(url.slice("file:".length)));
  db.pragma("journal_mode = WAL");
  db.close();
}
const deploy = spawnSync("npx", ["prisma", "migrate", "deploy"], { encoding: "utf8", env: { ...process.env, DATABASE_URL: url } });
if (deploy.status !== 0) {
  const reason = (deploy.stderr || deploy.stdout).split("\n").find((line) => /error|P\d{4}/i.test(line)) ?? "see `npx prisma migrate deploy`";
  fail(`migrations could not be applied: ${reason.trim()}`);
}
await lock.holder?.end();
const applied = /(\d+) migrations? (?:found|applied)/.exec(deploy.stdout)?.[0];
console.log(`database: ${engine} ready${applied ? ` (${applied})` : ""}`);
