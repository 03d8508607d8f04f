// Writes each engine's Prisma schema from prisma/models.prisma (`npm run db:schemas`), or with --check fails
// when a written schema is out of date or the engines' migration folders differ (part of `npm test`).
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { ENGINES, migrationsDir, schemaFile, schemaFor, type Engine } from "../lib/db/engine";

const models = readFileSync("prisma/models.prisma", "utf8");
const check = process.argv.includes("--check");
const problems: string[] = [];

for (const engine of ENGINES) {
  const expected = schemaFor(engine, models);
  const file = schemaFile(engine);
  if (!check) writeFileSync(file, expected);
  else if (readFileSync(file, "utf8") !== expected) problems.push(`${file} is not what prisma/models.prisma gives: run npm run db:schemas`);
}

if (check) {
  const names = (engine: Engine) => readdirSync(migrationsDir(engine)).filter((name) => /^\d{14}_/.test(name)).sort();
  const [sqlite, postgresql] = ENGINES.map(names) as [string[], string[]];
  for (const name of sqlite.filter((n) => !postgresql.includes(n))) problems.push(`migration ${name} exists for SQLite but not for PostgreSQL`);
  for (const name of postgresql.filter((n) => !sqlite.includes(n))) problems.push(`migration ${name} exists for PostgreSQL but not for SQLite`);
  if (problems.length > 0) {
    console.error(problems.join("\n"));
    process.exit(1);
  }
  console.log(`db:check: both schemas match prisma/models.prisma; ${sqlite.length} migrations on each engine`);
} else {
  console.log("db:schemas: wrote " + ENGINES.map(schemaFile).join(", "));
}
