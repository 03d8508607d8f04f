import { beforeAll, describe, expect, it } from "vitest";
import { loadTestDeck } from "@/lib/testing/deck";
import { TOPICS, type DeckCard } from "./schema";

// What the deck promises a learner, checked on the real deck.
let deck: DeckCard[];
beforeAll(async () => {
  deck = await loadTestDeck();
});

const count = (type: string) => deck.filter((card) => card.type === type).length;

describe("the deck", () => {
  it("has at least 60 cards: 20 numeric templates, 15 multiple-choice, the rest explain-and-self-grade", () => {
    expect(deck.length).toBeGreaterThanOrEqual(60);
    expect(count("numeric")).toBeGreaterThanOrEqual(20);
    expect(count("mcq")).toBeGreaterThanOrEqual(15);
    expect(count("concept")).toBeGreaterThanOrEqual(15);
  });

  it("gives every topic explanations and at least one question that is graded automatically", () => {
    for (const topic of TOPICS) {
      const cards = deck.filter((card) => card.topic === topic);
      expect(cards.some((card) => card.type === "concept"), topic).toBe(true);
      expect(cards.some((card) => card.type !== "concept"), topic).toBe(true);
    }
  });

  it("cites something specific for every card: a paper section, a framework file or doc, or the source notes", () => {
    const specific = /§|arXiv|\.py\b|\.cpp\b|docs|https?:\/\/|\bL\d+|Fig\.|Table|Alg\.|source notes|abstract/i;
    for (const card of deck) {
      expect(card.sources.length, card.id).toBeGreaterThan(0);
      for (const source of card.sources) expect(source, `${card.id}: ${source}`).toMatch(specific);
    }
  });

  it("corrects the source notes' two known errors in cards that state the common wrong answer", () => {
    const params = deck.find((card) => card.id === "bn-params-in-cnn")!;
    expect(params.body.en.wrongAnswer).toMatch(/2m/);
    expect(params.body.en.answer).toMatch(/2C/);
    expect(params.body.zh.wrongAnswer).toMatch(/2m/);
    const placement = deck.find((card) => card.id === "bn-placement")!;
    expect(placement.body.en.wrongAnswer).not.toBeNull();
    expect(placement.body.en.answer).toMatch(/before the nonlinearity/i);
    const fromNotes = deck.filter((card) => card.sources.some((source) => /source notes/i.test(source)));
    expect(fromNotes.length).toBeGreaterThanOrEqual(10);
  });

  it("tags difficulty honestly: an easy card has at most three key points, a hard one needs a formula or a number", () => {
    for (const card of deck) {
      if (card.difficulty === "E") expect(card.body.en.keyPoints.length, card.id).toBeLessThanOrEqual(3);
      if (card.difficulty === "H") {
        const worked = card.type === "numeric" || card.body.en.answer.includes('class="katex');
        expect(worked, `${card.id} is tagged H but its answer has no formula or number`).toBe(true);
      }
    }
  });
});
