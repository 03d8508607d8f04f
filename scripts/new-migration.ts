// `prisma migrate dev` needs a shadow database, which the SQLite adapter cannot give here, so a migration is
// the diff between the schema at HEAD and the working schema, written where `prisma migrate deploy` finds it.
// Usage: npm run db:migration -- <name>
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- <name in snake_case>");
  process.exit(2);
}
const migrations = "prisma/migrations";
const isFirst = !existsSync(migrations) || readdirSync(migrations).every((entry) => !entry.match(/^\d/));
const from = isFirst ? ["--from-empty"] : ["--from-schema-datamodel", previousSchema()];
const sql = execFileSync(
  "npx",
  ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
  { encoding: "utf8" },
);
if (/^-- This is an empty migration/m.test(sql)) {
  console.error("The schema has not changed since HEAD: nothing to migrate.");
  process.exit(1);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const folder = path.join(migrations, `${stamp}_${name}`);
mkdirSync(folder, { recursive: true });
writeFileSync(path.join(folder, "migration.sql"), sql);
writeFileSync(path.join(migrations, "migration_lock.toml"), 'provider = "sqlite"\n');
console.log(`wrote ${folder}/migration.sql`);

function previousSchema(): string {
  const file = path.join(tmpdir(), `schema-head-${process.pid}.prisma`);
  writeFileSync(file, execFileSync("git", ["show", "HEAD:prisma/schema.prisma"], { encoding: "utf8" }));
  return file;
}
