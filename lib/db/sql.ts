/*
 * Raw SQL for the paths where Prisma's query builder is the cost (grading, quiz answers, undo), written once
 * for both engines.
 *
 * An operation is a generator that yields the statements it needs and receives their results:
 *
 *   function* rename(d: Dialect, id: string, name: string): Op<number> {
 *     const [row] = yield* query<{ n: number }>(`SELECT count(*) AS n FROM "Quiz" WHERE "id" = $1`, [id]);
 *     return yield* execute(`UPDATE "Quiz" SET "mode" = $2 WHERE "id" = $1`, [id, name]);
 *   }
 *
 * Each engine's runner drives the same generator its own way, inside one transaction: SQLite (better-sqlite3)
 * synchronously, so a write transaction never spans a turn of the event loop and nothing else can interleave
 * with it; PostgreSQL asynchronously on one pooled connection, with row locks (`d.forUpdate`) keeping
 * concurrent requests, from this instance or another, in order. Statements use $1, $2… placeholders and
 * quoted identifiers, which both engines read alike.
 */

export type Statement = { text: string; params: readonly unknown[]; mode: "rows" | "run" } | { mode: "pause" };
export type Op<T> = Generator<Statement, T, unknown>;
export type Row = Record<string, unknown>;

/** What differs between the engines' SQL, for the few statements that need it. */
export type Dialect = {
  engine: "sqlite" | "postgresql";
  /** appended to a SELECT that must lock its rows until the transaction ends (PostgreSQL; SQLite locks the file) */
  forUpdate: string;
};

export function* query<T extends Row>(text: string, params: readonly unknown[] = []): Generator<Statement, T[], unknown> {
  return (yield { text, params, mode: "rows" }) as T[];
}

/**
 * Lets the event loop run between the chunks of a long operation (a large import). On SQLite the transaction
 * stays open meanwhile and other writes of this process wait for it; on PostgreSQL it changes nothing.
 */
export function* pause(): Generator<Statement, void, unknown> {
  yield { mode: "pause" };
}

/** Runs a statement that returns no rows; gives the number of rows it changed. */
export function* execute(text: string, params: readonly unknown[] = []): Generator<Statement, number, unknown> {
  return (yield { text, params, mode: "run" }) as number;
}

// ---- values, read back alike from either engine --------------------------------------------------------

/** A timestamp column: SQLite holds Prisma's ISO text, PostgreSQL a UTC `timestamp(3)` read back as text. */
export function readTime(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === "string") return new Date(/[zZ]|[+-]\d\d:\d\d$/.test(value) ? value : `${value.replace(" ", "T")}Z`);
  throw new TypeError(`not a timestamp: ${String(value)}`);
}

export const readTimeOrNull = (value: unknown): Date | null => (value === null || value === undefined ? null : readTime(value));

export function readBool(value: unknown): boolean {
  return value === true || value === 1 || value === 1n || value === "1" || value === "t";
}

/** Integers: PostgreSQL sends bigint counts as text. */
export function readInt(value: unknown): number {
  const number = typeof value === "bigint" ? Number(value) : typeof value === "string" ? Number(value) : (value as number);
  if (!Number.isInteger(number)) throw new TypeError(`not an integer: ${String(value)}`);
  return number;
}

/** Thrown by a runner when a transaction could not take its locks in time: the caller may try again. */
export class DatabaseBusyError extends Error {
  constructor(cause: unknown) {
    super("the database stayed busy", { cause });
    this.name = "DatabaseBusyError";
  }
}
