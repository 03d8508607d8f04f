import { describe, expect, it } from "vitest";
import { decodeCard, encodeCard } from "@/lib/content/stored-card";
import { cardSource, mcqSource, numericSource, parseTestCard, storedCard } from "@/lib/testing/deck";
import { instantiate } from "./numeric";
import { buildQuestion, explainQuestion as explain, gradeResponse as grade, presentQuestion as present, type PracticeCard, type QuestionResponse } from "./question";
import type { Language } from "@/lib/i18n";

// The card and seed build the question once; each helper reads that one object.
const presentQuestion = (card: PracticeCard, seed: number, lang: Language) => present(buildQuestion(card, seed), lang);
const gradeResponse = (card: PracticeCard, seed: number, response: QuestionResponse) => grade(buildQuestion(card, seed), response);
const explainQuestion = (card: PracticeCard, seed: number, lang: Language, response: QuestionResponse | null) =>
  explain(buildQuestion(card, seed), lang, response);

const concept = storedCard(parseTestCard("concept.md", cardSource()));
const mcqCard = parseTestCard("mcq.md", mcqSource());
const mcq = storedCard(mcqCard);
const numericCard = parseTestCard("numeric.md", numericSource());
const numeric = storedCard(numericCard);
if (numericCard.spec?.kind !== "numeric") throw new Error("the test card should be numeric");
const { template } = numericCard.spec;

describe("presentQuestion", () => {
  it("shows a concept card's sides in the asked language", () => {
    const view = presentQuestion(concept, 1, "zh");
    expect(view).toMatchObject({ kind: "concept", wrongAnswer: null });
    if (view.kind !== "concept") throw new Error();
    expect(view.question).toContain("有多少可学习参数");
    expect(view.keyPoints).toHaveLength(1);
  });

  it("shuffles mcq options by seed, the same way every time, with no hint of which is correct", () => {
    const first = presentQuestion(mcq, 11, "en");
    expect(presentQuestion(mcq, 11, "en")).toEqual(first);
    if (first.kind !== "mcq") throw new Error();
    expect(first.multiple).toBe(false);
    expect(first.options.map((o) => o.id).sort()).toEqual(["a", "b", "c"]);
    expect(JSON.stringify(first)).not.toMatch(/correct|why/);
    const orders = new Set(Array.from({ length: 30 }, (_, seed) => JSON.stringify((presentQuestion(mcq, seed, "en") as typeof first).options.map((o) => o.id))));
    expect(orders.size).toBeGreaterThan(3);
  });

  it("draws a numeric question's numbers from the seed and puts them in the question", () => {
    const seeds = Array.from({ length: 20 }, (_, seed) => seed);
    const questions = seeds.map((seed) => presentQuestion(numeric, seed, "en"));
    for (const [index, view] of questions.entries()) {
      const { params } = instantiate(template, seeds[index]!);
      expect(view).toEqual({ kind: "numeric", question: expect.stringContaining(`BatchNorm2d(${params.C})`) });
    }
    expect(new Set(questions.map((q) => q.question)).size).toBe(3);
  });
});

describe("gradeResponse", () => {
  it("grades an mcq by the exact set chosen", () => {
    expect(gradeResponse(mcq, 3, { kind: "mcq", chosen: ["a"] })).toEqual({ outcome: "right" });
    expect(gradeResponse(mcq, 3, { kind: "mcq", chosen: ["a", "b"] })).toEqual({ outcome: "wrong" });
    expect(gradeResponse(mcq, 3, { kind: "mcq", chosen: ["c"] })).toEqual({ outcome: "wrong" });
  });

  it("grades a numeric answer against the engine within the tolerance, and refuses text that is not a number", () => {
    const seed = 4;
    const answer = instantiate(template, seed).answer;
    expect(gradeResponse(numeric, seed, { kind: "numeric", text: String(answer) })).toEqual({ outcome: "right", value: answer });
    expect(gradeResponse(numeric, seed, { kind: "numeric", text: `${answer * 2}/2` })).toEqual({ outcome: "right", value: answer });
    expect(gradeResponse(numeric, seed, { kind: "numeric", text: String(answer * 1.01) })).toMatchObject({ outcome: "wrong" });
    expect(gradeResponse(numeric, seed, { kind: "numeric", text: "two C" })).toEqual({ outcome: "not_a_number" });
    expect(gradeResponse(numeric, seed, { kind: "numeric", text: "" })).toEqual({ outcome: "not_a_number" });
  });

  it("refuses a response of the wrong kind for the card", () => {
    expect(() => gradeResponse(numeric, 1, { kind: "mcq", chosen: ["a"] })).toThrow(/numeric card, not mcq/);
    expect(() => gradeResponse(mcq, 1, { kind: "numeric", text: "1" })).toThrow(/mcq card, not numeric/);
  });
});

describe("explainQuestion", () => {
  it("explains an mcq in the order it was shown, with what was chosen and why each wrong option is wrong", () => {
    const shown = presentQuestion(mcq, 9, "zh");
    const feedback = explainQuestion(mcq, 9, "zh", { kind: "mcq", chosen: ["b"] });
    if (feedback.kind !== "mcq" || shown.kind !== "mcq") throw new Error();
    expect(feedback.options.map((o) => o.id)).toEqual(shown.options.map((o) => o.id));
    expect(feedback.explanation).toContain("每个通道一对");
    const byId = Object.fromEntries(feedback.options.map((o) => [o.id, o]));
    expect(byId.a).toMatchObject({ correct: true, chosen: false, why: null });
    expect(byId.b).toMatchObject({ correct: false, chosen: true, why: "batch 大小不是层的属性。" });
    expect(byId.c!.why).toBe("滑动统计量是缓冲区。");
  });

  it("gives a numeric question's right value, the learner's value, the worked solution and a calculator link", () => {
    const seed = 2;
    const C = instantiate(template, seed).params.C as number;
    const feedback = explainQuestion(numeric, seed, "en", { kind: "numeric", text: " 5/3 " });
    expect(feedback).toEqual({
      kind: "numeric",
      expected: 2 * C,
      expectedText: String(2 * C),
      given: 5 / 3,
      givenText: "5/3",
      correct: false,
      solution: expect.stringContaining(`2 \\times ${C} = ${2 * C}`),
      keyPoints: [],
      calculatorHref: C === 64 ? "/calculator?calc=params" : `/calculator?calc=params&c=${C}`,
      tolerance: { relative: 1e-3 },
    });
    expect(explainQuestion(numeric, seed, "en", { kind: "numeric", text: String(2 * C) })).toMatchObject({ given: 2 * C, correct: true });
    expect(explainQuestion(numeric, seed, "en", { kind: "numeric", text: "abc" })).toMatchObject({ given: null, givenText: "abc", correct: null });
    expect(explainQuestion(numeric, seed, "en", null)).toMatchObject({ given: null, givenText: null, correct: null, expected: 2 * C });
  });
});

describe("the Card codec", () => {
  it("reads back the spec the deck stores as JSON, and null for concept cards", () => {
    const row = (card: typeof mcqCard) => ({ id: card.id, ...encodeCard(card) });
    expect(decodeCard(row(mcqCard)).spec).toEqual(mcqCard.spec);
    expect(decodeCard(row(numericCard)).spec).toEqual(numericCard.spec);
    expect(concept.spec).toBeNull();
    expect(() => decodeCard({ ...row(mcqCard), contentHash: "other", spec: '{"kind":"essay"}' })).toThrow();
  });
});
