import { z } from "zod";
import { execute, query, readInt, type Dialect, type Op } from "@/lib/db";
import { LANGUAGES, type Language } from "@/lib/i18n";
import { CARD_TYPES, DEBATED_TAG, DIFFICULTIES, TOPICS, type CardType, type DeckCard, type Difficulty, type Topic } from "./schema";
import { fieldUnits, indexTokens, type QueryToken, type Run, type SearchText } from "./search-text";

/*
 * The deck's full-text index on each engine: the one module where search SQL differs between them.
 *
 * SQLite: an FTS5 table with a column per field and language, ranked by bm25 with the field weights below.
 * PostgreSQL: a tsvector per card with each token's positions, weighted A (question), B (answer), C (the rest),
 * ranked by ts_rank_cd with the same weights. Both are fed the tokens of search-text.ts, never their own
 * parsers, so both match exactly the same cards; their ranking functions differ (bm25 counts how rare a word
 * is, ts_rank_cd how close the matches stand), which lib/cards/search.ts evens out by ordering first on what
 * both agree on: where the phrase matched.
 */

/** Bump when the tokens or the display change: the next deck sync rewrites every card's row. */
const INDEX_VERSION = 1;

const FIELDS = ["question", "answer", "more"] as const;
type Field = (typeof FIELDS)[number];
const WEIGHTS: Record<Field, { sqlite: number; postgresql: string; rank: number }> = {
  question: { sqlite: 10, postgresql: "A", rank: 1 },
  answer: { sqlite: 4, postgresql: "B", rank: 0.4 },
  more: { sqlite: 2, postgresql: "C", rank: 0.2 },
};
const column = (field: Field, lang: Language) => `${field}${lang === "en" ? "En" : "Zh"}`;
const COLUMNS = FIELDS.flatMap((field) => LANGUAGES.map((lang) => column(field, lang)));

// PostgreSQL keeps positions up to 16383; fields start on round numbers so that no phrase spans two of them.
const FIELD_GAP = 100;

const fieldRuns = (text: SearchText, field: Field): Run[][] => (field === "more" ? text.more : [text[field]]);

/** A card's row of the index: the tokens of every field and language, and the text results show. */
export function searchDocument(card: DeckCard) {
  const tokens: Record<string, string[]> = {};
  for (const field of FIELDS) {
    for (const lang of LANGUAGES) {
      // Sections of one field (key points, options) are kept apart by a gap too: a phrase stays in its section.
      tokens[column(field, lang)] = fieldRuns(card.searchText[lang], field).flatMap((runs) => [...indexTokens(fieldUnits(runs)), ""]);
    }
  }
  return { version: `${card.contentHash}:${INDEX_VERSION}`, display: JSON.stringify(card.searchText), tokens };
}

/** A tsvector literal: each token with its positions and its field's weight. */
function tsvectorOf(tokens: Record<string, string[]>): string {
  const positions = new Map<string, string[]>();
  let start = 1;
  for (const field of FIELDS) {
    for (const lang of LANGUAGES) {
      const list = tokens[column(field, lang)]!;
      list.forEach((token, index) => {
        if (token === "") return;
        const at = Math.min(start + index, 16383);
        let entry = positions.get(token);
        if (!entry) positions.set(token, (entry = []));
        // PostgreSQL keeps at most 256 positions of one token.
        if (entry.length < 256) entry.push(`${at}${WEIGHTS[field].postgresql}`);
      });
      start += list.length + FIELD_GAP;
    }
  }
  return [...positions].map(([token, at]) => `'${token}':${at.join(",")}`).join(" ");
}

// FTS5 reads a column as space-separated tokens. The gap between two sections is a private-use character:
// FTS5 takes it for a word, and the tokenizer of search-text.ts never makes one, so no query can match it.
const SECTION_GAP = "\uE000";
const ftsText = (tokens: string[]) => tokens.map((token) => (token === "" ? SECTION_GAP : token)).join(" ");

function* writeRow(d: Dialect, id: string, document: ReturnType<typeof searchDocument>): Op<void> {
  if (d.engine === "sqlite") {
    yield* execute(`DELETE FROM "CardSearch" WHERE "cardId" = $1`, [id]);
    const values = COLUMNS.map((name) => ftsText(document.tokens[name]!));
    yield* execute(
      `INSERT INTO "CardSearch" ("cardId", "version", "display", ${COLUMNS.map((name) => `"${name}"`).join(", ")})
       VALUES ($1, $2, $3, ${COLUMNS.map((_, index) => `$${index + 4}`).join(", ")})`,
      [id, document.version, document.display, ...values],
    );
  } else {
    yield* execute(
      `INSERT INTO "CardSearch" ("cardId", "version", "display", "document") VALUES ($1, $2, $3, $4::tsvector)
       ON CONFLICT ("cardId") DO UPDATE SET "version" = EXCLUDED."version", "display" = EXCLUDED."display", "document" = EXCLUDED."document"`,
      [id, document.version, document.display, tsvectorOf(document.tokens)],
    );
  }
}

/**
 * Brings the index in line with the deck inside the deck sync's transaction: a row for every card whose text
 * (or this module's version) changed, or that has none yet; no row for a card the deck no longer has.
 */
export function* syncSearchIndex(d: Dialect, deck: readonly DeckCard[]): Op<number> {
  const stored = new Map((yield* query(`SELECT "cardId", "version" FROM "CardSearch"`)).map((row) => [String(row.cardId), String(row.version)]));
  let written = 0;
  for (const card of deck) {
    const document = searchDocument(card);
    if (stored.get(card.id) !== document.version) {
      yield* writeRow(d, card.id, document);
      written++;
    }
    stored.delete(card.id);
  }
  for (const id of stored.keys()) yield* execute(`DELETE FROM "CardSearch" WHERE "cardId" = $1`, [id]);
  return written;
}

/** A glossary term as search knows it: how the page names it in each language, and every name that finds it. */
export type SearchTerm = Record<Language, string> & { names: string[] };

/** Replaces the stored glossary when it differs from the one given (which is most syncs: it rarely changes). */
export function* syncGlossary(terms: readonly SearchTerm[]): Op<void> {
  const rows = terms.map((term, position) => ({ position, en: term.en, zh: term.zh, names: JSON.stringify(term.names) }));
  const stored = yield* query(`SELECT "position", "en", "zh", "names" FROM "GlossaryTerm" ORDER BY "position"`);
  const same =
    stored.length === rows.length &&
    stored.every((row, index) => readInt(row.position) === index && row.en === rows[index]!.en && row.zh === rows[index]!.zh && row.names === rows[index]!.names);
  if (same) return;
  yield* execute(`DELETE FROM "GlossaryTerm"`);
  for (const row of rows) {
    yield* execute(`INSERT INTO "GlossaryTerm" ("position", "en", "zh", "names") VALUES ($1, $2, $3, $4)`, [row.position, row.en, row.zh, row.names]);
  }
}

// ---- reading -------------------------------------------------------------------------------------------

const termsSchema = z.array(z.strictObject({ en: z.string(), zh: z.string(), names: z.array(z.string()) }));

/** The glossary the last sync stored, and a key that changes whenever it does. */
export function* readGlossary(): Op<{ terms: SearchTerm[]; key: string }> {
  const rows = yield* query(`SELECT "en", "zh", "names" FROM "GlossaryTerm" ORDER BY "position"`);
  const key = JSON.stringify(rows.map((row) => [row.en, row.zh, row.names]));
  return { terms: termsSchema.parse(rows.map((row) => ({ en: row.en, zh: row.zh, names: JSON.parse(String(row.names)) }))), key };
}

/** What a query asks the engine: every group must match, by any of its phrases. */
export type QueryGroups = QueryToken[][][];

// Tokens are letters, digits and CJK characters only (search-text.ts), so quoting them is all either syntax needs.
const ftsPhrase = (phrase: QueryToken[]) => `"${phrase.map((t) => t.token).join(" ")}"${phrase.at(-1)?.prefix ? "*" : ""}`;
const tsPhrase = (phrase: QueryToken[]) => phrase.map((t) => `'${t.token}'${t.prefix ? ":*" : ""}`).join(" <-> ");

/** The FTS5 MATCH expression of a query: every group (or, with `any`, at least one) by any of its phrases. */
export const ftsQuery = (groups: QueryGroups, any = false) => groups.map((group) => `(${group.map(ftsPhrase).join(" OR ")})`).join(any ? " OR " : " AND ");
/** The tsquery of a query, alike. */
export const tsQuery = (groups: QueryGroups, any = false) =>
  groups.map((group) => `(${group.map((phrase) => `(${tsPhrase(phrase)})`).join(" | ")})`).join(any ? " | " : " & ");

export type SearchFilter = { topic?: Topic; difficulty?: Difficulty };

/** A card as search lists it: its metadata and text, and the engine's rank (0 when listed without a query). */
export type IndexedCard = {
  id: string;
  /** changes whenever the card's text does */
  version: string;
  type: CardType;
  topic: Topic;
  difficulty: Difficulty;
  /** its answer rests on a contested explanation (lib/content/debates.ts) */
  debated: boolean;
  position: number;
  text: Record<Language, SearchText>;
  score: number;
};

const runSchema = z.union([z.strictObject({ text: z.string() }), z.strictObject({ tex: z.string() })]);
const textSchema = z.strictObject({ question: z.array(runSchema), answer: z.array(runSchema), more: z.array(z.array(runSchema)) });
const displaySchema = z.strictObject({ en: textSchema, zh: textSchema });
const rowSchema = z.object({
  id: z.string(),
  type: z.enum(CARD_TYPES),
  topic: z.enum(TOPICS),
  difficulty: z.enum(DIFFICULTIES),
  tags: z.string().transform((tags) => (JSON.parse(tags) as string[]).includes(DEBATED_TAG)),
});

// A row's display is parsed once per version of the card, like decodeCard's cache: the deck is small.
const displays = new Map<string, Record<Language, SearchText>>();
function indexedCard(row: Record<string, unknown>, score: number): IndexedCard {
  const key = String(row.version);
  let text = displays.get(key);
  if (!text) displays.set(key, (text = displaySchema.parse(JSON.parse(String(row.display)))));
  const { tags: debated, ...card } = rowSchema.parse(row);
  return { ...card, debated, version: key, position: readInt(row.position), text, score };
}

function filterSql(filter: SearchFilter, params: unknown[]): string {
  let sql = "";
  if (filter.topic) sql += ` AND c."topic" = $${params.push(filter.topic)}`;
  if (filter.difficulty) sql += ` AND c."difficulty" = $${params.push(filter.difficulty)}`;
  return sql;
}

const SELECT = `SELECT c."id", c."type", c."topic", c."difficulty", c."tags", c."position", s."version", s."display"`;

// The index rows outside, each card found by its primary key. SQLite would otherwise walk the cards in study
// order and scan the FTS5 table (which has no index on "cardId") once per card; CROSS JOIN fixes its order.
const fromIndex = (d: Dialect) =>
  d.engine === "sqlite"
    ? `FROM "CardSearch" s CROSS JOIN "Card" c WHERE c."id" = s."cardId"`
    : `FROM "CardSearch" s JOIN "Card" c ON c."id" = s."cardId" WHERE TRUE`;

/**
 * The active cards matching every group (or, with `any`, at least one), best first by the engine's rank, then
 * in study order; with, for each group, how many active cards of the whole deck it matches, and how many
 * active cards there are (what makes a word rare, for ranking).
 */
export function* searchIndex(d: Dialect, groups: QueryGroups, filter: SearchFilter, { any = false } = {}): Op<SearchFound> {
  if (groups.length === 0) return { cards: [], frequencies: [], total: 0 };
  const sqlite = d.engine === "sqlite";
  const matching = (expression: string) =>
    sqlite
      ? `${fromIndex(d)} AND "CardSearch" MATCH ${expression} AND c."retired" = 0`
      : `FROM "CardSearch" s JOIN "Card" c ON c."id" = s."cardId", CAST(${expression} AS tsquery) q WHERE s."document" @@ q AND NOT c."retired"`;
  const compile = (part: QueryGroups, anyOf = false) => (sqlite ? ftsQuery(part, anyOf) : tsQuery(part, anyOf));

  const params: unknown[] = [compile(groups, any)];
  let rank: string;
  if (sqlite) {
    const weights = ["cardId", "version", "display", ...COLUMNS].map((name) => {
      const field = FIELDS.find((f) => name.startsWith(f));
      return field ? WEIGHTS[field].sqlite : 0;
    });
    // bm25 is lower for better matches; negated so that higher is better on both engines.
    rank = `-bm25("CardSearch", ${weights.join(", ")})`;
  } else {
    const weights = ["D", "C", "B", "A"].map((letter) => FIELDS.find((f) => WEIGHTS[f].postgresql === letter)).map((f) => (f ? WEIGHTS[f].rank : 0));
    // Normalization 1 divides by 1 + log(length): like bm25, a shorter text with the same matches ranks higher.
    rank = `ts_rank_cd('{${weights.join(",")}}'::float4[], s."document", q, 1)`;
  }
  const rows = yield* query(`${SELECT}, ${rank} AS "score" ${matching("$1")}${filterSql(filter, params)} ORDER BY "score" DESC, c."position"`, params);
  // How many cards each group matches, and how many there are, in one statement: one round trip.
  const counts = groups.map((_, index) => `(SELECT count(*) ${matching(`$${index + 1}`)}) AS "g${index}"`);
  const [row] = yield* query(
    `SELECT (SELECT count(*) FROM "Card" WHERE ${sqlite ? `"retired" = 0` : `NOT "retired"`}) AS "total", ${counts.join(", ")}`,
    groups.map((group) => compile([group])),
  );
  return { cards: rows.map((card) => indexedCard(card, Number(card.score))), frequencies: groups.map((_, index) => readInt(row![`g${index}`])), total: readInt(row!.total) };
}

export type SearchFound = { cards: IndexedCard[]; frequencies: number[]; total: number };

/** The active cards in study order, with their text, without a query. */
export function* listIndex(d: Dialect, filter: SearchFilter): Op<IndexedCard[]> {
  const params: unknown[] = [];
  const retired = d.engine === "sqlite" ? `c."retired" = 0` : `NOT c."retired"`;
  const rows = yield* query(
    `${SELECT} ${fromIndex(d)} AND ${retired}${filterSql(filter, params)} ORDER BY c."position"`,
    params,
  );
  return rows.map((row) => indexedCard(row, 0));
}
