import { engineOf, unknownEngineMessage, type Engine } from "./engine";
import { postgresRunner } from "./postgres";
import { createPrisma, type PrismaClient } from "./prisma";
import { sqliteRunner } from "./sqlite";
import type { Dialect, Op } from "./sql";
import { databaseUrl } from "./url";

export { DatabaseBusyError, execute, pause, query, readBool, readInt, readTime, readTimeOrNull, type Dialect, type Op, type Row } from "./sql";
export type { PrismaClient };

/** Connections per instance and per pool (Prisma's and the raw SQL one's) on PostgreSQL. */
const POOL_SIZE = Number(process.env.DATABASE_POOL_SIZE) || 10;

type Database = {
  engine: Engine;
  prisma: PrismaClient;
  sql: {
    dialect: Dialect;
    run<T>(operation: (dialect: Dialect) => Op<T>): Promise<T>;
    read<T>(operation: (dialect: Dialect) => Op<T>): Promise<T>;
    close(): unknown;
  };
};

function connect(): Database {
  const url = databaseUrl();
  const engine = engineOf(url);
  if (!engine) throw new Error(unknownEngineMessage(url));
  return {
    engine,
    prisma: createPrisma(engine, url, POOL_SIZE),
    sql: engine === "sqlite" ? sqliteRunner(url) : postgresRunner(url, POOL_SIZE),
  };
}

// One set of connections per process; in development Next reloads modules, so keep it on globalThis.
const globalForDatabase = globalThis as unknown as { database?: Database };
const database = globalForDatabase.database ?? connect();
if (process.env.NODE_ENV !== "production") globalForDatabase.database = database;

export const engine: Engine = database.engine;
export const prisma: PrismaClient = database.prisma;
/** Runs one raw-SQL operation (see sql.ts) in a transaction of its own. */
export const runSql = <T>(operation: (dialect: Dialect) => Op<T>): Promise<T> => database.sql.run(operation);
/**
 * Runs a raw-SQL operation that only reads (a query Prisma cannot express, such as full-text search). It never
 * waits for a write: SQLite reads on a connection of its own, PostgreSQL on a pooled one.
 */
export const readSql = <T>(operation: (dialect: Dialect) => Op<T>): Promise<T> => database.sql.read(operation);

/** Closes every connection: the last step of a graceful shutdown. */
export async function closeDatabase(): Promise<void> {
  await Promise.all([database.prisma.$disconnect(), database.sql.close()]);
}
export { consumeRateLimit, releaseLease, takeLease } from "./rate-limit";

// The production server (scripts/serve.ts) closes the connections of the app's own copy of this module on shutdown.
(globalThis as { [key: symbol]: unknown })[Symbol.for("bn-interview-prep.closeDatabase")] = closeDatabase;

/** Whether the database answers a trivial query within `timeoutMs`: what a load balancer's health check asks. */
export async function checkDatabase(timeoutMs: number): Promise<{ ok: true } | { ok: false; reason: string }> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<{ ok: false; reason: string }>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, reason: `no answer within ${timeoutMs} ms` }), timeoutMs);
  });
  const ping = database.prisma.$queryRaw`SELECT 1`.then(
    () => ({ ok: true }) as const,
    (error: unknown) => ({ ok: false, reason: (error as Error).message.split("\n").find(Boolean) ?? "unreachable" }) as const,
  );
  try {
    return await Promise.race([ping, late]);
  } finally {
    clearTimeout(timer);
  }
}
