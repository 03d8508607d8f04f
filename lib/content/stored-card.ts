import { z } from "zod";
import { readBool, readInt } from "@/lib/db";
import { CARD_TYPES, cardSpecSchema, DIFFICULTIES, TOPICS, type CardSides, type CardSpec, type CardType, type DeckCard, type Difficulty, type Topic } from "./schema";
import type { Language } from "@/lib/i18n";

/*
 * The one codec of the Card table: a synced card's JSON columns (body, spec, tags, sources) are written here
 * and read back here, validated once, and typed after. Nothing else parses them.
 */

/** The columns a card is read with; every query that decodes cards selects these. */
export const CARD_COLUMNS = {
  id: true,
  position: true,
  topic: true,
  difficulty: true,
  type: true,
  tags: true,
  sources: true,
  body: true,
  spec: true,
  retired: true,
  contentHash: true,
} as const;

/** CARD_COLUMNS for raw SQL, from a table aliased `c`. */
export const CARD_SQL_COLUMNS = Object.keys(CARD_COLUMNS)
  .map((column) => `c."${column}"`)
  .join(", ");

/** A card row as raw SQL returns it (SQLite gives booleans as 0/1, PostgreSQL bigints as text). */
export function cardRowOf(row: Record<string, unknown>): CardRow {
  return {
    id: String(row.id),
    position: readInt(row.position),
    topic: String(row.topic),
    difficulty: String(row.difficulty),
    type: String(row.type),
    tags: String(row.tags),
    sources: String(row.sources),
    body: String(row.body),
    spec: row.spec === null ? null : String(row.spec),
    retired: readBool(row.retired),
    contentHash: String(row.contentHash),
  };
}

export type CardRow = {
  id: string;
  position: number;
  topic: string;
  difficulty: string;
  type: string;
  tags: string;
  sources: string;
  body: string;
  spec: string | null;
  retired: boolean;
  contentHash: string;
};

/** A card as the database holds it, decoded: both languages' sides, its spec, and where it stands in the deck. */
export type StoredCard = {
  id: string;
  position: number;
  topic: Topic;
  difficulty: Difficulty;
  type: CardType;
  tags: string[];
  sources: string[];
  body: Record<Language, CardSides>;
  spec: CardSpec | null;
  retired: boolean;
};

const sidesSchema = z.strictObject({
  question: z.string(),
  answer: z.string(),
  wrongAnswer: z.string().nullable(),
  keyPoints: z.array(z.string()),
  // A row synced before spoken answers existed (a retired card keeps its last body) reads as having none.
  spoken: z.string().nullable().default(null),
});
const contentSchema = z.object({
  topic: z.enum(TOPICS),
  difficulty: z.enum(DIFFICULTIES),
  type: z.enum(CARD_TYPES),
  tags: z.array(z.string()),
  sources: z.array(z.string()),
  body: z.strictObject({ en: sidesSchema, zh: sidesSchema }),
  spec: cardSpecSchema.nullable(),
});
type CardContent = z.infer<typeof contentSchema>;

/** The columns sync writes for a deck card (all but its id). */
export function encodeCard(card: DeckCard): Omit<CardRow, "id"> {
  return {
    position: card.position,
    topic: card.topic,
    difficulty: card.difficulty,
    type: card.type,
    tags: JSON.stringify(card.tags),
    sources: JSON.stringify(card.sources),
    body: JSON.stringify(card.body),
    spec: card.spec ? JSON.stringify(card.spec) : null,
    retired: false,
    contentHash: card.contentHash,
  };
}

// Rows with the same content hash hold the same content, so each version is parsed and validated only once
// per process; the deck is small, and a changed card arrives with a new hash.
const decoded = new Map<string, CardContent>();

/** A card row read back. Throws when its JSON is not what sync writes: the row was not written by this app. */
export function decodeCard(row: CardRow): StoredCard {
  const key = `${row.id}:${row.contentHash}`;
  let content = decoded.get(key);
  if (!content) {
    content = contentSchema.parse({
      topic: row.topic,
      difficulty: row.difficulty,
      type: row.type,
      tags: JSON.parse(row.tags),
      sources: JSON.parse(row.sources),
      body: JSON.parse(row.body),
      spec: row.spec === null ? null : JSON.parse(row.spec),
    });
    decoded.set(key, content);
  }
  return { id: row.id, position: row.position, retired: row.retired, ...content };
}
