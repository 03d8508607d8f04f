import { execute, query, readBool, readInt, runSql, type Dialect, type Op } from "@/lib/db";
import type { DeckCard } from "./schema";
import { syncGlossary, syncSearchIndex, type SearchTerm } from "./search-index";
import { encodeCard } from "./stored-card";

export type SyncReport = { added: number; updated: number; retired: number; unchanged: number };

// Any fixed number: the lock that makes instances starting at once sync the deck one after another.
const DECK_SYNC_LOCK = 7_413_551;

function* syncOp(d: Dialect, deck: DeckCard[], now: Date, glossary: readonly SearchTerm[] | undefined): Op<SyncReport> {
  // SQLite's BEGIN IMMEDIATE already locks out other writers; PostgreSQL needs a lock of its own.
  if (d.engine === "postgresql") yield* query(`SELECT pg_advisory_xact_lock($1)`, [DECK_SYNC_LOCK]);
  const existing = new Map(
    (yield* query(`SELECT "id", "contentHash", "position", "retired" FROM "Card"`)).map((row) => [
      String(row.id),
      { contentHash: String(row.contentHash), position: readInt(row.position), retired: readBool(row.retired) },
    ]),
  );
  const report: SyncReport = { added: 0, updated: 0, retired: 0, unchanged: 0 };
  for (const card of deck) {
    const row = encodeCard(card);
    const values = [row.position, row.topic, row.difficulty, row.type, row.tags, row.sources, row.body, row.spec, row.contentHash];
    const before = existing.get(card.id);
    existing.delete(card.id);
    if (!before) {
      yield* execute(
        `INSERT INTO "Card" ("id", "position", "topic", "difficulty", "type", "tags", "sources", "body", "spec", "contentHash", "retired", "createdAt", "updatedAt")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)`,
        [card.id, ...values, false, now],
      );
      report.added++;
    } else if (before.contentHash !== card.contentHash || before.position !== card.position || before.retired) {
      yield* execute(
        `UPDATE "Card" SET "position" = $2, "topic" = $3, "difficulty" = $4, "type" = $5, "tags" = $6, "sources" = $7, "body" = $8, "spec" = $9,
           "contentHash" = $10, "retired" = $11, "updatedAt" = $12 WHERE "id" = $1`,
        [card.id, ...values, false, now],
      );
      report.updated++;
    } else {
      report.unchanged++;
    }
  }
  for (const [id, card] of existing) {
    if (card.retired) continue;
    report.retired += yield* execute(`UPDATE "Card" SET "retired" = $2, "updatedAt" = $3 WHERE "id" = $1`, [id, true, now]);
  }
  yield* syncSearchIndex(d, deck);
  if (glossary) yield* syncGlossary(glossary);
  return report;
}

/**
 * Makes the database's deck match the files, by id, in one transaction: new cards are added, changed ones
 * updated in place (their review history hangs off the id, so it stays), and cards whose file is gone are
 * retired rather than deleted, keeping their history; the search index follows (retired cards leave it), and
 * so does the glossary search widens queries with, when it is given. Instances that sync at the same moment take turns, and
 * every one after the first finds nothing left to do.
 */
export function syncDeck(deck: DeckCard[], { now = new Date(), glossary }: { now?: Date; glossary?: readonly SearchTerm[] } = {}): Promise<SyncReport> {
  return runSql((d) => syncOp(d, deck, now, glossary));
}
