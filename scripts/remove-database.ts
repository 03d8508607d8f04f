// Deletes the test database named by DATABASE_URL so an end-to-end run starts from nothing.
// Refuses any file whose name does not say it is for tests, so it can never delete real progress.
import { rmSync } from "node:fs";
import { databaseUrl } from "../lib/db/url";

const file = databaseUrl().replace(/^file:/, "");
if (!/(e2e|test)[^/]*\.db$/.test(file)) {
  console.error(`remove-database: refusing to delete ${file}: only a test database (…e2e….db) may be removed`);
  process.exit(1);
}
for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
