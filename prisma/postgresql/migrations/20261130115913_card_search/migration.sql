-- AlterTable
ALTER TABLE "Card" DROP COLUMN "searchText";

-- CreateTable
CREATE TABLE "GlossaryTerm" (
    "position" INTEGER NOT NULL,
    "en" TEXT NOT NULL,
    "zh" TEXT NOT NULL,
    "names" TEXT NOT NULL,

    CONSTRAINT "GlossaryTerm_pkey" PRIMARY KEY ("position")
);


-- The full-text index of the deck, written by the deck sync (lib/content/search-index.ts), not a Prisma model:
-- Prisma has no tsvector type. "document" holds tokens made by lib/content/search-text.ts (words, and Chinese
-- as overlapping character pairs) with their positions, weighted by field (A question, B answer, C the rest).
-- "display" is the text of the card as results show it.
CREATE TABLE "CardSearch" (
    "cardId" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "display" TEXT NOT NULL,
    "document" TSVECTOR NOT NULL,

    CONSTRAINT "CardSearch_pkey" PRIMARY KEY ("cardId"),
    CONSTRAINT "CardSearch_cardId_fkey" FOREIGN KEY ("cardId") REFERENCES "Card"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX "CardSearch_document_idx" ON "CardSearch" USING GIN ("document");
