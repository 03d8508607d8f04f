import type { PrismaClient } from "@/lib/db";
import type { DeckCard } from "./schema";
import { encodeCard } from "./stored-card";

export type SyncReport = { added: number; updated: number; retired: number; unchanged: number };

/**
 * Makes the database's deck match the files, by id, in one transaction: new cards are added, changed ones
 * updated in place (their review history hangs off the id, so it stays), and cards whose file is gone are
 * retired rather than deleted, keeping their history.
 */
export async function syncDeck(db: PrismaClient, deck: DeckCard[]): Promise<SyncReport> {
  return db.$transaction(async (tx) => {
    const existing = new Map(
      (await tx.card.findMany({ select: { id: true, contentHash: true, position: true, retired: true } })).map(
        (card) => [card.id, card],
      ),
    );
    const report: SyncReport = { added: 0, updated: 0, retired: 0, unchanged: 0 };

    for (const card of deck) {
      const data = { ...encodeCard(card), searchText: card.searchText };
      const before = existing.get(card.id);
      existing.delete(card.id);
      if (!before) {
        await tx.card.create({ data: { id: card.id, ...data } });
        report.added++;
      } else if (before.contentHash !== card.contentHash || before.position !== card.position || before.retired) {
        await tx.card.update({ where: { id: card.id }, data });
        report.updated++;
      } else {
        report.unchanged++;
      }
    }

    const gone = [...existing.values()].filter((card) => !card.retired).map((card) => card.id);
    if (gone.length > 0) {
      report.retired = (await tx.card.updateMany({ where: { id: { in: gone } }, data: { retired: true } })).count;
    }
    return report;
  });
}
