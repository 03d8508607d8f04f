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
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
const isBusy = (error: unknown) => Boolean((error as { code?: string }).code?.startsWith("SQLITE_BUSY"));

/**
 * Runs operations on a connection of its own, each inside BEGIN IMMEDIATE … COMMIT. An operation runs
 * synchronously, so it holds the write lock for microseconds and nothing in this process can interleave with
 * it; only one that pauses (a large import) lets the event loop run between its chunks, and this process's
 * other operations wait for it meanwhile. The connection never waits for a lock itself (busy timeout 0): when
 * another process holds it, the operation is tried again after a pause, so the event loop is never blocked.
 */
export function sqliteRunner(url: string) {
  let connection: Database.Database | null = null;
  const statements = new Map<string, Database.Statement>();
  const db = () => {
    if (!connection) {
      connection = new Database(url.replace(/^file:/, ""), { timeout: 0 });
      connection.pragma("foreign_keys = ON");
    }
    return connection;
  };
  const prepare = (text: string) => {
    let statement = statements.get(text);
    if (!statement) {
      // SQLite reads $1 as a parameter named "1", bound below from an object: the same text as PostgreSQL's.
      statement = db().prepare(text);
      statements.set(text, statement);
    }
    return statement;
  };
  const step = (statement: Exclude<Statement, { mode: "pause" }>) => {
    const prepared = prepare(statement.text);
    const values = Object.fromEntries(statement.params.map((value, index) => [index + 1, encode(value)]));
    return statement.mode === "rows" ? prepared.all(values) : prepared.run(values).changes;
  };

  // Reads have a connection of their own: in WAL mode they see the last commit and never wait for a writer,
  // not even for an import that holds the write transaction open across turns of the event loop.
  // (A WAL reader is busy only while the file is being recovered, hence the short wait.)
  let reader: Database.Database | null = null;
  const readerDb = () => (reader ??= new Database(url.replace(/^file:/, ""), { timeout: 200 }));
  const readStatements = new Map<string, Database.Statement>();
  const readStep = (statement: Exclude<Statement, { mode: "pause" }>) => {
    if (statement.mode === "run") throw new Error("a read operation cannot write");
    let prepared = readStatements.get(statement.text);
    if (!prepared) readStatements.set(statement.text, (prepared = readerDb().prepare(statement.text)));
    return prepared.all(Object.fromEntries(statement.params.map((value, index) => [index + 1, encode(value)])));
  };

  // Set while an operation that pauses holds the write transaction open.
  let longRunning: Promise<unknown> | null = null;

  async function runOnce<T>(operation: (dialect: Dialect) => Op<T>): Promise<T> {
    const op = operation(DIALECT);
    let next = op.next();
    // An operation that never pauses runs in one synchronous transaction.
    const sync = () => {
      while (!next.done) {
        if (next.value.mode === "pause") throw new PausedError();
        next = op.next(step(next.value));
      }
      return next.value;
    };
    try {
      return db().transaction(sync).immediate();
    } catch (error) {
      if (!(error instanceof PausedError)) throw error;
    }
    // It paused: run it again from the start, holding the transaction across turns of the event loop.
    const again = operation(DIALECT);
    db().prepare("BEGIN IMMEDIATE").run();
    try {
      let resumed = again.next();
      while (!resumed.done) {
        if (resumed.value.mode === "pause") {
          await nextTurn();
          resumed = again.next();
        } else resumed = again.next(step(resumed.value));
      }
      db().prepare("COMMIT").run();
      return resumed.value;
    } catch (error) {
      db().prepare("ROLLBACK").run();
      throw error;
    }
  }

  return {
    dialect: DIALECT,
    async run<T>(operation: (dialect: Dialect) => Op<T>): Promise<T> {
      const deadline = Date.now() + BUSY_RETRY_MS;
      for (let attempt = 0; ; attempt++) {
        while (longRunning) await longRunning.catch(() => undefined);
        const running = runOnce(operation);
        longRunning = running;
        try {
          return await running;
        } catch (error) {
          if (!isBusy(error)) throw error;
          if (Date.now() > deadline) throw new DatabaseBusyError(error);
          await sleep(Math.min(50, 1 + attempt * 2));
        } finally {
          if (longRunning === running) longRunning = null;
        }
      }
    },
    /** Runs an operation that only reads, in one snapshot (a deferred transaction), on the read connection. */
    async read<T>(operation: (dialect: Dialect) => Op<T>): Promise<T> {
      const op = operation(DIALECT);
      const run = () => {
        let next = op.next();
        while (!next.done) next = op.next(next.value.mode === "pause" ? undefined : readStep(next.value));
        return next.value;
      };
      return readerDb().transaction(run).deferred();
    },
    close() {
      connection?.close();
      connection = null;
      reader?.close();
      reader = null;
      readStatements.clear();
    },
  };
}

/** An operation asked to pause inside a synchronous transaction: it is rolled back and run the long way. */
class PausedError extends Error {}
