-- CreateTable
CREATE TABLE "GlossaryTerm" (
    "position" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "en" TEXT NOT NULL,
    "zh" TEXT NOT NULL,
    "names" TEXT NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Card" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "position" INTEGER NOT NULL,
    "topic" TEXT NOT NULL,
    "difficulty" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "tags" TEXT NOT NULL,
    "sources" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "spec" TEXT,
    "contentHash" TEXT NOT NULL,
    "retired" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Card" ("body", "contentHash", "createdAt", "difficulty", "id", "position", "retired", "sources", "spec", "tags", "topic", "type", "updatedAt") SELECT "body", "contentHash", "createdAt", "difficulty", "id", "position", "retired", "sources", "spec", "tags", "topic", "type", "updatedAt" FROM "Card";
DROP TABLE "Card";
ALTER TABLE "new_Card" RENAME TO "Card";
CREATE INDEX "Card_retired_position_idx" ON "Card"("retired", "position");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- The full-text index of the deck, written by the deck sync (lib/content/search-index.ts), not a Prisma model:
-- Prisma has no FTS5 tables. The indexed columns hold tokens made by lib/content/search-text.ts, separated by
-- spaces (words, and Chinese as overlapping character pairs), one column per field and language so that field
-- weights apply and no phrase runs from one into the next. "display" is the text of the card as results show it.
CREATE VIRTUAL TABLE "CardSearch" USING fts5(
    "cardId" UNINDEXED,
    "version" UNINDEXED,
    "display" UNINDEXED,
    "questionEn",
    "questionZh",
    "answerEn",
    "answerZh",
    "moreEn",
    "moreZh",
    tokenize = 'unicode61 remove_diacritics 0'
);
