// Writes the next migration for both engines after prisma/models.prisma changed: both schemas are rewritten
// from it, and each engine's migration is the diff between the models at HEAD and the working models. (Prisma's
// `migrate dev` needs a shadow database, which the adapters cannot give offline; the PostgreSQL diff runs
// against a throwaway cluster.)
// Usage: npm run db:migration -- <name>
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ENGINES, migrationsDir, schemaFile, schemaFor, type Engine } from "../lib/db/engine";
import { startCluster } from "./postgres";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- <name in snake_case>");
  process.exit(2);
}

execFileSync("npx", ["tsx", "scripts/db-schema.ts"], { stdio: "inherit" });
const scratch = mkdtempSync(path.join(tmpdir(), "migration-"));
const headModels = execFileSync("git", ["show", "HEAD:prisma/models.prisma"], { encoding: "utf8" });
const cluster = await startCluster();

function diff(engine: Engine): string {
  const previous = path.join(scratch, `${engine}-head.prisma`);
  writeFileSync(previous, schemaFor(engine, headModels));
  const url = engine === "sqlite" ? `file:${path.join(scratch, "diff.db")}` : cluster.url("app");
  const sql = execFileSync(
    "npx",
    ["prisma", "migrate", "diff", "--from-schema-datamodel", previous, "--to-schema-datamodel", schemaFile(engine), "--script"],
    { encoding: "utf8", env: { ...process.env, DATABASE_URL: url } },
  );
  return sql.replace(/^Loaded Prisma config from .*\n/gm, "");
}

try {
  const scripts = Object.fromEntries(ENGINES.map((engine) => [engine, diff(engine)])) as Record<Engine, string>;
  if (ENGINES.every((engine) => /^-- This is an empty migration/m.test(scripts[engine]))) {
    console.error("prisma/models.prisma has not changed since HEAD: nothing to migrate.");
    process.exitCode = 1;
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    for (const engine of ENGINES) {
      const folder = path.join(migrationsDir(engine), `${stamp}_${name}`);
      mkdirSync(folder, { recursive: true });
      writeFileSync(path.join(folder, "migration.sql"), scripts[engine]);
      console.log(`wrote ${folder}/migration.sql`);
    }
  }
} finally {
  cluster.stop();
}
