// Every unit-test file gets its own fresh SQLite database with the real migrations applied, before lib/db is
// imported anywhere, so tests exercise the same schema `prisma migrate deploy` builds.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

const file = path.join(mkdtempSync(path.join(tmpdir(), "bn-test-")), "test.db");
const migrations = path.join(process.cwd(), "prisma", "migrations");
const db = new Database(file);
for (const folder of readdirSync(migrations).filter((name) => /^\d/.test(name)).sort()) {
  db.exec(readFileSync(path.join(migrations, folder, "migration.sql"), "utf8"));
}
db.close();
process.env.DATABASE_URL = `file:${file}`;
