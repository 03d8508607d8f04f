// Usage: npm run restore -- <backup file>
// Puts a backup made by `npm run backup` back in place of the database. Stop the app first: a running server
// keeps the old database open and would go on writing to it. The backup must pass SQLite's integrity check
// and look like this app's database; the database it replaces is kept as <database>.bak.
import { copyFileSync, existsSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { databaseUrl } from "../lib/db/url";

const source = process.argv[2];
if (!source) {
  console.error("usage: npm run restore -- <backup file>");
  process.exit(2);
}
const backup = path.resolve(source);
const target = path.resolve(databaseUrl().replace(/^file:/, ""));
if (!existsSync(backup)) {
  console.error(`restore: there is no file ${backup}`);
  process.exit(1);
}

function verify(file: string): string | null {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const check = db.pragma("integrity_check", { simple: true });
    if (check !== "ok") return `fails SQLite's integrity check: ${String(check)}`;
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    const missing = ["_prisma_migrations", "Card", "Learner", "CardState", "ReviewLog"].filter((name) => !tables.some((t) => t.name === name));
    return missing.length ? `is not a database of this app (no ${missing.join(", ")} table)` : null;
  } catch (error) {
    return `cannot be read as an SQLite database (${(error as Error).message})`;
  } finally {
    db?.close();
  }
}

const problem = verify(backup);
if (problem) {
  console.error(`restore: ${backup} ${problem}; nothing was changed`);
  process.exit(1);
}

const staged = `${target}.restoring`;
copyFileSync(backup, staged);
if (existsSync(target)) {
  // The old database, including anything still in its -wal file, saved as one consistent file.
  const old = new Database(target, { fileMustExist: true });
  rmSync(`${target}.bak`, { force: true });
  await old.backup(`${target}.bak`);
  old.close();
}
// A -wal or -shm file left beside the old database must not be replayed into the restored one.
for (const suffix of ["-wal", "-shm", "-journal"]) rmSync(target + suffix, { force: true });
renameSync(staged, target);
const db = new Database(target);
db.pragma("journal_mode = WAL");
db.close();
console.log(`restore: ${backup} → ${target}${existsSync(`${target}.bak`) ? ` (the previous database is kept as ${target}.bak)` : ""}`);
console.log("restore: run `npm start` (it applies any newer migrations) to serve it");
