import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";
import { databaseUrl } from "./lib/db/url";
import { engineOf, migrationsDir, schemaFile, unknownEngineMessage } from "./lib/db/engine";

// The CLI does not read .env when this file exists, and without DATABASE_URL it asks for a native engine.
const url = databaseUrl();
process.env.DATABASE_URL = url;
const engine = engineOf(url);
if (!engine) throw new Error(unknownEngineMessage(url));

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: schemaFile(engine),
  migrations: { path: migrationsDir(engine) },
  async adapter() {
    return engine === "sqlite" ? new PrismaBetterSQLite3({ url }) : new PrismaPg({ connectionString: url });
  },
});
