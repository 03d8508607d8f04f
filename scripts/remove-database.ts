// Deletes the test or benchmark database named by DATABASE_URL so an end-to-end run or a benchmark starts from
// nothing. Refuses any file whose name does not say it is throwaway, so it can never delete real progress.
import { rmSync } from "node:fs";
import { databaseUrl } from "../lib/db/url";

const file = databaseUrl().replace(/^file:/, "");
if (!/(e2e|test|bench)[^/]*\.db$/.test(file)) {
  console.error(`remove-database: refusing to delete ${file}: only a test or benchmark database (…e2e…, …test…, …bench….db) may be removed`);
  process.exit(1);
}
for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
