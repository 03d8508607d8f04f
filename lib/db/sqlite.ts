import Database from "better-sqlite3";
import { DatabaseBusyError, type Dialect, type Op, type Statement } from "./sql";

const DIALECT: Dialect = { engine: "sqlite", forUpdate: "" };
const BUSY_RETRY_MS = 10_000;

/** Prisma's SQLite adapter writes DateTime as ISO text with "+00:00"; raw SQL must write the same, or ordering breaks. */
export function sqliteTime(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

function encode(value: unknown): unknown {
  if (value instanceof Date) return sqliteTime(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  return value === undefined ? null : value;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs operations on a connection of its own. Each runs synchronously inside BEGIN IMMEDIATE … COMMIT, so it
 * holds the write lock for microseconds and nothing in this process can interleave with it. The connection
 * never waits for a lock (busy timeout 0): when another connection (Prisma's, or another process) holds it,
 * the operation is tried again after a pause, asynchronously, so the event loop is never blocked.
 */
export function sqliteRunner(url: string) {
  const db = new Database(url.replace(/^file:/, ""), { timeout: 0 });
  db.pragma("foreign_keys = ON");
  const statements = new Map<string, Database.Statement>();
  const prepare = (text: string) => {
    let statement = statements.get(text);
    if (!statement) {
      statement = db.prepare(text.replace(/\$(\d+)/g, "?$1"));
      statements.set(text, statement);
    }
    return statement;
  };
  const step = ({ text, params, mode }: Statement) => {
    const statement = prepare(text);
    const values = params.map(encode);
    return mode === "rows" ? statement.all(...values) : statement.run(...values).changes;
  };
  const drive = <T>(op: Op<T>): T => {
    let next = op.next();
    while (!next.done) next = op.next(step(next.value));
    return next.value;
  };

  return {
    dialect: DIALECT,
    async run<T>(operation: (dialect: Dialect) => Op<T>): Promise<T> {
      const deadline = Date.now() + BUSY_RETRY_MS;
      for (let attempt = 0; ; attempt++) {
        try {
          return db.transaction(() => drive(operation(DIALECT))).immediate();
        } catch (error) {
          const busy = (error as { code?: string }).code?.startsWith("SQLITE_BUSY");
          if (!busy) throw error;
          if (Date.now() > deadline) throw new DatabaseBusyError(error);
          await sleep(Math.min(50, 1 + attempt * 2));
        }
      }
    },
    close() {
      db.close();
    },
  };
}
