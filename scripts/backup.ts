// Usage: npm run backup -- <file>
// A consistent copy of the database taken with SQLite's online backup API (better-sqlite3's db.backup()),
// safe while the app is running and writing: unlike a file copy, it never catches a half-written page or
// misses what is still in the -wal file.
import { existsSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { databaseUrl } from "../lib/db/url";

const target = process.argv[2];
if (!target) {
  console.error("usage: npm run backup -- <backup file>");
  process.exit(2);
}
const source = path.resolve(databaseUrl().replace(/^file:/, ""));
const destination = path.resolve(target);
if (!existsSync(source)) {
  console.error(`backup: there is no database at ${source}`);
  process.exit(1);
}
if (existsSync(destination)) {
  console.error(`backup: ${destination} exists already; choose a new file name`);
  process.exit(1);
}

const db = new Database(source, { readonly: true, fileMustExist: true });
try {
  await db.backup(destination);
} finally {
  db.close();
}
const copy = new Database(destination, { readonly: true });
const check = copy.pragma("integrity_check", { simple: true });
const reviews = copy.prepare("SELECT count(*) AS n FROM ReviewLog").get() as { n: number };
const learners = copy.prepare("SELECT count(*) AS n FROM Learner").get() as { n: number };
copy.close();
if (check !== "ok") {
  console.error(`backup: the copy fails SQLite's integrity check: ${String(check)}`);
  process.exit(1);
}
console.log(`backup: ${source} → ${destination} (integrity ok; ${learners.n} learners, ${reviews.n} reviews)`);
