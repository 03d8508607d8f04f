import { beforeAll, describe, expect, it } from "vitest";
import { loadTestDeck } from "@/lib/testing/deck";
import { EXPERIMENT_IDS } from "@/lib/experiments/setup";
import { TOPICS, type DeckCard } from "./schema";

// What the deck promises a learner, checked on the real deck.
let deck: DeckCard[];
beforeAll(async () => {
  deck = await loadTestDeck();
}, 60_000);

const count = (type: string) => deck.filter((card) => card.type === type).length;

/** The cards issue "Deck 2.0" added to the 76 of the first deck. */
const DECK_2_CARDS = [
  "adabn-test-time-adaptation",
  "batch-composition-leakage",
  "batch-renormalization",
  "bn-deployment-quantization",
  "bn-in-rnns",
  "instancenorm-style-transfer",
  "precise-bn-population-stats",
  "rmsnorm-in-llms",
  "training-without-normalization",
  "weight-norm-and-standardization",
  "mcq-adain-affine",
  "mcq-batch-renorm-r-d",
  "mcq-frozen-bn-detection",
  "mcq-ghost-batch-norm",
  "mcq-moco-shuffle-bn",
  "mcq-pre-ln-post-ln",
  "mcq-qat-freeze-bn",
  "mcq-rmsnorm-vs-layernorm",
  "mcq-syncbn-what-is-synced",
  "mcq-update-bn-after-swa",
  "numeric-constant-channel-output",
  "numeric-conv-bias-params",
  "numeric-fresh-layer-eval",
  "numeric-ghost-bn-output",
  "numeric-keras-rmsnorm-params",
  "numeric-linear-bias-false-params",
  "numeric-rmsnorm-params",
  "numeric-running-mean-channels",
  "numeric-syncbn-global-variance",
  "numeric-two-values-per-channel",
  "numeric-update-bn-running-var",
];

describe("the deck", () => {
  it("has at least 107 cards: 37 numeric templates, 30 multiple-choice, the rest explain-and-self-grade", () => {
    expect(deck.length).toBeGreaterThanOrEqual(107);
    expect(count("numeric")).toBeGreaterThanOrEqual(37);
    expect(count("mcq")).toBeGreaterThanOrEqual(30);
    expect(count("concept")).toBeGreaterThanOrEqual(40);
  });

  it("has the Deck 2.0 cards: at least 30 more than the 76 before, with at least 10 numeric and 8 multiple-choice", () => {
    const added = deck.filter((card) => DECK_2_CARDS.includes(card.id));
    expect(added.map((card) => card.id).toSorted()).toEqual(DECK_2_CARDS.toSorted());
    expect(deck.length).toBeGreaterThanOrEqual(76 + 30);
    expect(added.length).toBeGreaterThanOrEqual(30);
    expect(added.filter((card) => card.type === "numeric").length).toBeGreaterThanOrEqual(10);
    expect(added.filter((card) => card.type === "mcq").length).toBeGreaterThanOrEqual(8);
  });

  it("marks cards that rest on a contested explanation as debated, each citing at least two sources", () => {
    const debated = deck.filter((card) => card.debated);
    for (const id of ["why-use-bn", "how-bn-speeds-training", "why-bn-regularizes", "mcq-santurkar-noisy-bn"]) {
      expect(debated.map((card) => card.id), id).toContain(id);
    }
    for (const card of debated) {
      expect(card.sources.length, card.id).toBeGreaterThanOrEqual(2);
      expect(card.tags, card.id).toContain("debated");
    }
  });

  it("links every BN Lab experiment from the cards whose claim it shows", () => {
    const linked = Object.fromEntries(EXPERIMENT_IDS.map((experiment) => [experiment, deck.filter((card) => card.lab.includes(experiment)).map((card) => card.id).sort()]));
    expect(linked).toEqual({
      "learning-rate": ["bn-inception-experiments", "how-bn-speeds-training"],
      activations: ["mcq-santurkar-noisy-bn", "what-is-bn", "why-use-bn"],
      "small-batches": ["mcq-bn-regularization-batch-size", "small-batch-groupnorm"],
      "train-eval": ["batch-composition-leakage", "bn-train-vs-inference-algorithm", "forgot-model-eval", "mcq-batch-of-one", "mcq-eval-mode-statistics"],
      placement: ["bn-placement", "bn-placement-practice", "mcq-bn-placement"],
      dropout: ["dropout-bn-variance-shift"],
    });
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

  it("says every card's answer aloud in both languages, in prose without formulas", () => {
    for (const card of deck) {
      for (const lang of ["en", "zh"] as const) {
        const spoken = card.body[lang].spoken;
        expect(spoken, `${card.id} (${lang})`).toMatch(/^<p>/);
        expect(spoken, `${card.id} (${lang})`).not.toContain('class="katex');
      }
      expect(card.body.zh.spoken, card.id).toMatch(/[\u4e00-\u9fff]/);
    }
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
