import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { loadGlossary, searchTerms } from "@/lib/content/glossary";
import { syncDeck } from "@/lib/content/sync";
import type { DeckCard } from "@/lib/content/schema";
import { loadTestDeck } from "@/lib/testing/deck";
import { resetDatabase } from "@/lib/testing/reset";
import { nameKey } from "@/lib/content/search-text";
import { searchCards, type Highlighted } from "./search";

// The real deck, synced as the app syncs it: the searches a learner makes, with what they should find.
let deck: DeckCard[];
beforeAll(async () => {
  await resetDatabase();
  deck = await loadTestDeck();
  await syncDeck(deck, { glossary: searchTerms(await loadGlossary()) });
});

const search = async (q: string, lang: "en" | "zh" = "en") => (await searchCards({ q }, lang)).cards;

/** All of a card's text in both languages, lower-cased, without markup. */
function textOf(card: DeckCard): string {
  const sides = [card.body.en, card.body.zh].flatMap((side) => [side.question, side.answer, side.wrongAnswer ?? "", ...side.keyPoints]);
  const options = card.spec?.kind === "mcq" ? card.spec.options.flatMap((option) => [option.html.en, option.html.zh, option.why?.en ?? "", option.why?.zh ?? ""]) : [];
  return [...sides, ...options].join(" ").replace(/<[^>]*>/g, " ").toLowerCase();
}
const questionOf = (card: DeckCard) => `${card.body.en.question} ${card.body.zh.question}`.replace(/<[^>]*>/g, " ");
const byId = (id: string) => deck.find((card) => card.id === id)!;

describe(`card search (${process.env.DATABASE_URL?.split(":")[0]})`, () => {
  it("finds the running-statistics cards by 移动平均, the usual Chinese term the deck writes as 滑动平均", async () => {
    const results = await search("移动平均", "zh");
    const saying = deck.filter((card) => textOf(card).includes("滑动平均")).map((card) => card.id);
    expect(saying.length).toBeGreaterThan(10);
    expect(results.map((card) => card.id)).toEqual(expect.arrayContaining(saying));
    expect(byId(results[0]!.id).topic).toBe("running-stats");
  });

  it("finds the mini-batch cards by 小批量", async () => {
    const ids = (await search("小批量", "zh")).map((card) => card.id);
    const saying = deck.filter((card) => /mini-?batch/.test(textOf(card))).map((card) => card.id);
    expect(saying.length).toBeGreaterThan(10);
    expect(ids).toEqual(expect.arrayContaining(saying));
  });

  it("gives 'running var' a focused set: the top ten are all about the running variance, and far from half the deck", async () => {
    const results = await search("running var");
    expect(results.length).toBeGreaterThanOrEqual(10);
    expect(results.length).toBeLessThan(deck.length / 2);
    for (const { id } of results.slice(0, 10)) expect(textOf(byId(id)), id).toMatch(/running[_ ]var|moving_variance|滑动方差/);
  });

  it("puts a GroupNorm card first for 'GroupNorm', in either language", async () => {
    for (const lang of ["en", "zh"] as const) {
      const [top] = await search("GroupNorm", lang);
      expect(questionOf(byId(top!.id))).toMatch(/GroupNorm|Group Normalization|组归一化/);
    }
  });

  it("marks what matched, by whichever of the term's names, in the question or an excerpt of the answer", async () => {
    const marked = (text: Highlighted | null) => (text?.segments ?? []).flatMap((segment) => ("text" in segment && segment.mark ? [segment.text] : []));
    const results = (await searchCards({ q: "移动平均" }, "zh")).cards;
    const marks = results.flatMap((card) => [...marked(card.question), ...marked(card.snippet)]);
    expect(marks).toContain("滑动平均");
    const names = ["滑动平均", "指数滑动平均", "running average", "moving average", "exponential moving average", "ema"].map(nameKey);
    for (const mark of marks) expect(names.some((name) => nameKey(mark).startsWith(name)), mark).toBe(true);
    // A card whose question does not say it shows where its answer does, marked.
    const inAnswer = results.find((card) => marked(card.question).length === 0)!;
    expect(marked(inAnswer.snippet).length).toBeGreaterThan(0);
    expect(inAnswer.snippet!.lang).toBe("zh");
  });

  it("takes a glossary name only whole: BatchNorm2d is a layer, not every card about batch normalization", async () => {
    const results = (await searchCards({ q: "BatchNorm2d" }, "en")).cards;
    expect(results.length).toBeGreaterThan(5);
    for (const { id } of results) expect(textOf(byId(id)), id).toContain("batchnorm2d");
    expect((await searchCards({ q: "BatchNorm2d" }, "en")).didYouMean).toEqual([]);
  });

  it("says the deck's own term for a synonym, in the page's language", async () => {
    expect((await searchCards({ q: "移动平均" }, "zh")).didYouMean).toEqual([{ typed: "移动平均", term: "滑动平均" }]);
    expect((await searchCards({ q: "移动平均" }, "en")).didYouMean).toEqual([{ typed: "移动平均", term: "running average" }]);
    expect((await searchCards({ q: "滑动平均" }, "zh")).didYouMean).toEqual([]);
  });

  it("shows an excerpt in the other language when only that language has the words", async () => {
    const results = (await searchCards({ q: "求和为零" }, "en")).cards;
    expect(results.map((card) => card.id)).toContain("bn-dx-sums-to-zero");
    for (const card of results) {
      expect(card.question.lang).toBe("en");
      expect(card.snippet?.lang).toBe("zh");
    }
  });

  it("when no card has every word, lists those with some and suggests the glossary terms closest to the query", async () => {
    const typo = await searchCards({ q: "runing mean" }, "en");
    expect(typo.partial).toBe(true);
    expect(typo.suggestions[0]).toBe("running mean");
    expect(typo.cards.length).toBeGreaterThan(0);
    expect((await searchCards({ q: "runing mean" }, "zh")).suggestions[0]).toBe("滑动均值");
    expect(await searchCards({ q: "zzzzqx" }, "en")).toEqual({ cards: [], total: 0, partial: false, didYouMean: [], suggestions: [] });
  });

  it("keeps to the topic and difficulty asked for, and lists the whole deck in study order without words", async () => {
    const results = (await searchCards({ q: "GroupNorm", topic: "parameters" }, "en")).cards;
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((card) => card.topic === "parameters")).toBe(true);
    const best = await searchCards({ q: "bn" }, "en", { limit: 5 });
    expect(best.cards).toHaveLength(5);
    expect(best.total).toBeGreaterThan(50);
    const all = (await searchCards({ q: "" }, "en")).cards;
    expect(all.map((card) => card.id)).toEqual(deck.toSorted((a, b) => a.position - b.position).map((card) => card.id));
  });

  // Whatever a learner types reaches the engines only as quoted tokens: no FTS5 or tsquery syntax error.
  it("answers any text without throwing", async () => {
    const syntax = fc.constantFrom('"', "*", "NEAR(", ")", "OR", "AND", "NOT", ":", "^", "-", "&", "|", "!", "<->", "'", "\\", "{", "}", "列:", "𝔹", "\u0000");
    const query = fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: "grapheme", maxLength: 30 }), fc.string({ unit: "binary", maxLength: 30 }), fc.array(syntax, { maxLength: 8 }).map((parts) => parts.join(" ")));
    await fc.assert(
      fc.asyncProperty(query, fc.constantFrom("en" as const, "zh" as const), async (q, lang) => {
        const result = await searchCards({ q: q.trim().slice(0, 200) }, lang);
        expect(Array.isArray(result.cards)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
