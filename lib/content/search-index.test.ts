import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import { execute, query, readSql, runSql } from "@/lib/db";
import { deckCard } from "@/lib/testing/deck";
import { resetDatabase } from "@/lib/testing/reset";
import type { DeckCard } from "./schema";
import { readGlossary, searchIndex, syncGlossary } from "./search-index";
import { fieldUnits, phraseMatches, phraseTokens, unitsOf, type SearchText } from "./search-text";
import { syncDeck } from "./sync";

beforeEach(() => resetDatabase());

/** A card whose text is `answer` in English (its question and the rest fixed), with a hash of its own. */
function cardSaying(id: string, answer: string): DeckCard {
  const base = deckCard(id);
  const text: SearchText = { question: [{ text: "What is it?" }], answer: [{ text: answer }], more: [] };
  return { ...base, searchText: { en: text, zh: { ...text, answer: [] } }, contentHash: `${id}:${answer}` };
}

/** The ids the engine finds for a query of one phrase. */
async function found(phrase: string, any = false): Promise<string[]> {
  const tokens = phraseTokens(unitsOf(phrase));
  const { cards } = await readSql((d) => searchIndex(d, tokens.length > 0 ? [[tokens]] : [], {}, { any }));
  return cards.map((card) => card.id).sort();
}

const rows = () => runSql(() => query<{ cardId: string }>(`SELECT "cardId" FROM "CardSearch" ORDER BY "cardId"`));

describe(`the search index (${process.env.DATABASE_URL?.split(":")[0]})`, () => {
  it("is written by the deck sync, follows an edited card, and drops a retired one", async () => {
    await syncDeck([cardSaying("a", "the running variance"), cardSaying("b", "the running mean")]);
    expect(await found("running var")).toEqual(["a"]);
    expect((await rows()).map((row) => row.cardId)).toEqual(["a", "b"]);

    await syncDeck([cardSaying("a", "the batch mean"), cardSaying("b", "the running mean")]);
    expect(await found("running var")).toEqual([]);
    expect(await found("batch mean")).toEqual(["a"]);

    await syncDeck([cardSaying("a", "the batch mean")]);
    expect(await found("mean")).toEqual(["a"]);
    expect((await rows()).map((row) => row.cardId)).toEqual(["a"]);
  });

  it("rebuilds a missing row on the next sync, even for a card that did not change", async () => {
    await syncDeck([cardSaying("a", "the running variance")]);
    await runSql(function* () {
      yield* execute(`DELETE FROM "CardSearch"`);
    });
    expect(await syncDeck([cardSaying("a", "the running variance")])).toMatchObject({ unchanged: 1 });
    expect(await found("running variance")).toEqual(["a"]);
  });

  it("stores the glossary search reads, and rewrites it only when it changed", async () => {
    const terms = [{ en: "running variance", zh: "滑动方差", names: ["running variance", "滑动方差", "running_var"] }];
    await syncDeck([], { glossary: terms });
    const first = await readSql(() => readGlossary());
    expect(first.terms).toEqual(terms);
    await syncDeck([], { glossary: terms });
    expect((await readSql(() => readGlossary())).key).toBe(first.key);
    await runSql(() => syncGlossary([{ ...terms[0]!, names: ["running variance"] }]));
    expect((await readSql(() => readGlossary())).terms[0]!.names).toEqual(["running variance"]);
  });

  // What the page marks must be what the engine matched: both read the tokens of search-text.ts. For any text
  // and any phrase from the same small vocabulary (Latin words, Chinese characters, separators), the engine
  // finds a card exactly when the tokenizer's own matcher finds the phrase in it.
  it("finds a card exactly when the page's matcher finds the phrase in its text", async () => {
    const piece = fc.constantFrom("run", "running", "var", "variance", "bn", "batch", "滑", "动", "平", "均", "方", "差", " ", " ", "_", "。", "-");
    const text = fc.array(piece, { minLength: 1, maxLength: 16 }).map((pieces) => pieces.join(""));
    await fc.assert(
      fc.asyncProperty(fc.array(text, { minLength: 1, maxLength: 4 }), text, async (answers, phrase) => {
        const cards = answers.map((answer, index) => cardSaying(`card-${index}`, answer));
        await syncDeck(cards);
        const units = unitsOf(phrase);
        const expected = cards.filter((card) => phraseMatches(units, fieldUnits(card.searchText.en.answer)).length > 0).map((card) => card.id);
        expect(await found(phrase)).toEqual(units.length > 0 ? expected.sort() : []);
      }),
      { numRuns: 60 },
    );
  });
});
