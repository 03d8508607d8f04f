import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "../generated/postgresql/client";
import { PrismaClient } from "../generated/sqlite/client";
import type { Engine } from "./engine";

export type { PrismaClient };

/**
 * The Prisma client for the engine DATABASE_URL names. Both generated clients come from the same models
 * (prisma/models.prisma), so the PostgreSQL one has the same API and is typed as the SQLite one: code above
 * lib/db does not know which engine it runs on.
 */
export function createPrisma(engine: Engine, url: string, poolSize: number): PrismaClient {
  if (engine === "sqlite") return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) });
  return new PostgresClient({ adapter: new PrismaPg({ connectionString: url, max: poolSize }) }) as unknown as PrismaClient;
}
