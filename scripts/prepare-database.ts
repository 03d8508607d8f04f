// Runs before `prisma migrate deploy`: makes the folder of a file: DATABASE_URL (better-sqlite3 creates the
// file, not its folder) and puts the database in WAL mode, which is stored in the file and so holds for every
// later connection: readers no longer wait for a grade being written, and commits are cheaper.
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { databaseUrl } from "../lib/db/url";

const url = databaseUrl();
if (url.startsWith("file:")) {
  const file = path.resolve(url.slice("file:".length));
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.close();
}
