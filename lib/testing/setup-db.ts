// Every unit-test file gets its own fresh database with the real migrations applied, before lib/db is imported
// anywhere, so tests exercise the same schema `prisma migrate deploy` builds. SQLite: a new file with each
// migration's SQL. PostgreSQL (when the run was started by scripts/with-postgres.ts): a copy of the template
// database global-setup.ts migrated.
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { TEMPLATE_DATABASE } from "./global-setup";

const admin = process.env.PG_ADMIN_URL;
if (process.env.DATABASE_URL?.startsWith("postgres") && admin) {
  const name = `test_${randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  // Copies of one template made at the same moment can collide ("being accessed by other users"): try again.
  for (let attempt = 0; ; attempt++) {
    try {
      await client.query(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE_DATABASE}"`);
      break;
    } catch (error) {
      if (attempt > 20 || (error as { code?: string }).code !== "55006") throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
    }
  }
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
} else {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "bn-test-")), "test.db");
  const migrations = path.join(process.cwd(), "prisma", "sqlite", "migrations");
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  for (const folder of readdirSync(migrations).filter((name) => /^\d/.test(name)).sort()) {
    db.exec(readFileSync(path.join(migrations, folder, "migration.sql"), "utf8"));
  }
  db.close();
  process.env.DATABASE_URL = `file:${file}`;
}
