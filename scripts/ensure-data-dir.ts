// better-sqlite3 creates the database file but not its folder; make the folder of a file: DATABASE_URL.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { databaseUrl } from "../lib/database-url";

const url = databaseUrl();
if (url.startsWith("file:")) mkdirSync(path.dirname(path.resolve(url.slice("file:".length))), { recursive: true });
