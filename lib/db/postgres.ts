import pg from "pg";
import { AppError } from "@/lib/errors";
import { DatabaseBusyError, type Dialect, type Op } from "./sql";

const DIALECT: Dialect = { engine: "postgresql", forUpdate: " FOR UPDATE" };
const TIMESTAMP = 1114;
const INT8 = 20;
const RETRIES = 5;

/** Prisma stores DateTime in `timestamp(3)` columns as UTC wall time: raw SQL writes and reads it the same way. */
function encode(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace("T", " ").replace("Z", "");
  return value === undefined ? null : value;
}

// Timestamps stay text (readTime takes them as UTC, not as the server's local time) and counts become numbers.
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === TIMESTAMP) return (value: string) => value;
    if (oid === INT8) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

const RETRYABLE = new Set(["40001", "40P01"]);
const isUnavailable = (error: unknown) => {
  const code = (error as { code?: string }).code ?? "";
  return code.startsWith("08") || code === "57P01" || code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "ETIMEDOUT";
};

/**
 * Runs operations on a pool of its own (Prisma keeps another), each in one transaction on one connection,
 * with named statements so each is parsed once per connection. Serialization failures and deadlocks are tried
 * again; a database that cannot be reached is a 503.
 */
export function postgresRunner(url: string, poolSize: number) {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types, connectionTimeoutMillis: 5_000 });
  // An idle connection the server drops must not take the process down; the next query reconnects.
  pool.on("error", (error) => console.error("database connection lost", error.message));
  const names = new Map<string, string>();
  const nameOf = (text: string) => {
    let name = names.get(text);
    if (!name) names.set(text, (name = `op${names.size + 1}`));
    return name;
  };

  const unavailable = () => new AppError("database_unavailable", "The database cannot be reached just now; try again shortly.", 503);
  const connect = () => pool.connect().catch(() => Promise.reject(unavailable()));

  return {
    dialect: DIALECT,
    pool,
    async run<T>(operation: (dialect: Dialect) => Op<T>): Promise<T> {
      for (let attempt = 0; ; attempt++) {
        const client = await connect();
        try {
          await client.query("BEGIN");
          const op = operation(DIALECT);
          let next = op.next();
          while (!next.done) {
            const statement = next.value;
            // Every query already lets the event loop run, so a pause has nothing to add here.
            if (statement.mode === "pause") {
              next = op.next();
              continue;
            }
            const result = await client.query({ name: nameOf(statement.text), text: statement.text, values: statement.params.map(encode) });
            next = op.next(statement.mode === "rows" ? result.rows : (result.rowCount ?? 0));
          }
          await client.query("COMMIT");
          client.release();
          return next.value;
        } catch (error) {
          await client.query("ROLLBACK").catch(() => undefined);
          client.release(isUnavailable(error));
          if (isUnavailable(error)) throw unavailable();
          const code = (error as { code?: string }).code ?? "";
          if (!RETRYABLE.has(code)) throw error;
          if (attempt >= RETRIES) throw new DatabaseBusyError(error);
        }
      }
    },
    /** Runs an operation that only reads, statement by statement, on a pooled connection. */
    async read<T>(operation: (dialect: Dialect) => Op<T>): Promise<T> {
      const client = await connect();
      try {
        const op = operation(DIALECT);
        let next = op.next();
        while (!next.done) {
          const statement = next.value;
          if (statement.mode === "pause") next = op.next();
          else if (statement.mode === "run") throw new Error("a read operation cannot write");
          else next = op.next((await client.query({ name: nameOf(statement.text), text: statement.text, values: statement.params.map(encode) })).rows);
        }
        client.release();
        return next.value;
      } catch (error) {
        client.release(isUnavailable(error));
        if (isUnavailable(error)) throw unavailable();
        throw error;
      }
    },
    close() {
      return pool.end();
    },
  };
}
