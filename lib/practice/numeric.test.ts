import { beforeAll, describe, expect, it } from "vitest";
import { backward, countParams, foldIntoPreceding, forward } from "@/lib/bn";
import { computeFold } from "@/lib/calculator/fold";
import { computeParams } from "@/lib/calculator/params";
import { computeTensor, type TensorDisplay } from "@/lib/calculator/tensor";
import { formatNumber } from "@/lib/calculator/format";
import { parseCalculatorState } from "@/lib/calculator/url-parse";
import type { DeckCard, NumericParam, NumericTemplate } from "@/lib/content/schema";
import { calculatorHref } from "@/lib/calculator/link";
import { loadTestDeck, storedCard } from "@/lib/testing/deck";
import { parseAnswer, withinTolerance } from "./answer-parse";
import { drawParams, fillPlaceholders, instantiate, readPath, type TensorValue } from "./numeric";
import { buildQuestion, explainQuestion, gradeResponse } from "./question";

const SEEDS = Array.from({ length: 200 }, (_, i) => (i * 2_654_435_761) >>> 0);

describe("drawParams", () => {
  const params: NumericParam[] = [
    { name: "N", spec: { range: [2, 10], step: 2 } },
    { name: "C", spec: { choices: [16, 32] } },
    { name: "x", spec: { tensor: { shape: ["N", 3], min: -1.5, max: 2, decimals: 1 } } },
  ];

  it("draws the same numbers for a seed, within each parameter's range, choices and decimals", () => {
    expect(drawParams(params, 42)).toEqual(drawParams(params, 42));
    const seen = new Set<number>();
    for (const seed of SEEDS) {
      const values = drawParams(params, seed);
      const n = values.N as number;
      seen.add(n);
      expect([2, 4, 6, 8, 10]).toContain(n);
      expect([16, 32]).toContain(values.C);
      const x = values.x as TensorValue;
      expect(x.shape).toEqual([n, 3]);
      expect(x.values).toHaveLength(n * 3);
      for (const v of x.values) {
        expect(v).toBeGreaterThanOrEqual(-1.5);
        expect(v).toBeLessThanOrEqual(2);
        expect(String(v)).toMatch(/^-?\d+(\.\d)?$/);
      }
    }
    expect(seen.size).toBe(5);
  });

  it("pins fixed values (how the content check tries every extreme)", () => {
    expect(drawParams(params, 3, { N: 10 }).N).toBe(10);
  });
});

describe("readPath and placeholders", () => {
  it("reads fields and indices, and nothing else", () => {
    const result = { runningVar: [0.9, 1.2], running: { varAfter: Float64Array.from([3]) }, trainable: 128 };
    expect(readPath(result, "runningVar[1]")).toBe(1.2);
    expect(readPath(result, "running.varAfter[0]")).toBe(3);
    expect(readPath(result, "trainable")).toBe(128);
    expect(readPath(result, "runningVar[2]")).toBeUndefined();
    expect(readPath(result, "constructor")).toBeUndefined();
    expect(readPath(result, "runningVar.length")).toBeUndefined();
  });

  it("fills parameters, tensors, the answer and result fields; refuses a name that means nothing", () => {
    const template: Pick<NumericTemplate, "params" | "calculation"> = {
      params: [
        { name: "N", spec: { choices: [4] } },
        { name: "x", spec: { tensor: { shape: ["N", 1], min: 1, max: 1, decimals: 0 } } },
      ],
      calculation: { call: "running", args: { input: "{{x}}", shape: "{{x.shape}}" }, answer: "runningVar[0]" },
    };
    const instance = instantiate(template, 1);
    expect(fillPlaceholders("n={{N}} x=({{x}}) s={{x.shape}} x0={{x[0]}} mean={{result.batchMean[0]}} a={{ answer }}", instance, "Q")).toBe(
      "n=4 x=(1, 1, 1, 1) s=4, 1 x0=1 mean=1 a=0.9",
    );
    expect(fillPlaceholders("\\frac{{{N}}}{2}", instance, "Q")).toBe("\\frac{4}{2}");
    expect(() => fillPlaceholders("{{M}}", instance, "Question (en)")).toThrow(/Question \(en\): placeholder \{\{M\}\} names no parameter/);
    expect(() => fillPlaceholders("{{result.nope}}", instance, "Q")).toThrow(/names no parameter or computed value/);
  });
});

/** The answer as the calculator page computes it from the link, for each answer field the deck asks about. */
function calculatorAnswer(href: string, answer: string): number | undefined {
  const state = parseCalculatorState(new URL(href, "http://x").searchParams);
  if (state.calc === "params") {
    const outcome = computeParams(state.params);
    return outcome.ok ? (readPath(outcome.count, answer) as number) : undefined;
  }
  if (state.calc === "fold") {
    const outcome = computeFold(state.fold);
    return outcome.ok ? (readPath(outcome.view.result, answer) as number) : undefined;
  }
  const outcome = computeTensor(state.tensor);
  if (!outcome.ok) return undefined;
  const view = outcome.view;
  const element = (display: TensorDisplay | null, index: number) => (display?.kind === "full" ? display.values[index] : undefined);
  const [, field, index] = /^(\w+)(?:\[(\d+)\])?$/.exec(answer) ?? [];
  const i = Number(index);
  // Element-wise answers index the flat tensor; per-channel ones index the channel.
  const fields: Record<string, () => number | undefined> = {
    valuesPerChannel: () => view.valuesPerChannel,
    xHat: () => element(view.xHat, i),
    output: () => element(view.output, i),
    dx: () => element(view.dx, i),
    batchMean: () => view.stats.batchMean[i],
    batchVar: () => view.stats.batchVar[i],
    batchUnbiasedVar: () => view.stats.batchUnbiasedVar?.[i],
    invStd: () => view.stats.invStd[i],
    runningMean: () => view.running?.meanAfter[i],
    runningVar: () => view.running?.varAfter[i],
    dgamma: () => view.gradients?.dgamma?.[i],
    dbeta: () => view.gradients?.dbeta?.[i],
  };
  const read = field ? fields[field] : undefined;
  if (!read) throw new Error(`add a calculator mapping for answer ${answer}`);
  return read();
}

describe("every numeric card of the deck", () => {
  let numericCards: DeckCard[];
  beforeAll(async () => {
    numericCards = (await loadTestDeck()).filter((card) => card.type === "numeric");
  });

  it("exists: the deck has at least five numeric cards", () => {
    expect(numericCards.length).toBeGreaterThanOrEqual(5);
  });

  it("shows, for 200 seeds, the answer lib/bn computes, in its worked solution, graded right when typed back", () => {
    for (const card of numericCards) {
      if (card.spec?.kind !== "numeric") throw new Error(`${card.id} has no numeric spec`);
      const { template } = card.spec;
      const stored = storedCard(card);
      for (const seed of SEEDS) {
        const instance = instantiate(template, seed);
        // An independent engine call from the same arguments, outside lib/practice's result handling.
        const engine = instance.engine;
        const direct =
          engine.call === "params"
            ? countParams(engine.args)
            : engine.call === "fold"
              ? foldIntoPreceding(engine.args)
              : engine.call === "backward"
                ? backward(engine.args as Parameters<typeof backward>[0])
                : forward(engine.args as Parameters<typeof forward>[0]);
        const path = template.calculation.answer.replace(/^runningVar/, "running.varAfter").replace(/^runningMean/, "running.meanAfter");
        expect(instance.answer, `${card.id} seed ${seed}`).toBe(readPath(direct, path));
        const shown = formatNumber(instance.answer);
        expect(gradeResponse(buildQuestion(stored, seed), { kind: "numeric", text: shown }), `${card.id} seed ${seed}`).toMatchObject({ outcome: "right" });
      }
      // Rendering KaTeX is the slow part, so the rendered feedback is checked on fewer seeds.
      for (const seed of SEEDS.slice(0, 25)) {
        const feedback = explainQuestion(buildQuestion(stored, seed), seed % 2 ? "en" : "zh", { kind: "numeric", text: "" });
        if (feedback.kind !== "numeric") throw new Error("not numeric feedback");
        expect(feedback.expected, `${card.id} seed ${seed}`).toBe(instantiate(template, seed).answer);
        // KaTeX keeps each formula's TeX source in an <annotation>, so the printed number is there verbatim.
        expect(feedback.solution, `${card.id} seed ${seed}`).toContain(`= ${feedback.expectedText}`);
      }
    }
  }, 60_000);

  it("links to a calculator that computes the same answer from the link alone", () => {
    for (const card of numericCards) {
      if (card.spec?.kind !== "numeric") continue;
      const { template } = card.spec;
      for (const seed of SEEDS.slice(0, 40)) {
        const instance = instantiate(template, seed);
        const href = calculatorHref(instance.engine, instance.result, template.calculation.answer);
        expect(href, card.id).toMatch(/^\/calculator(\?|$)/);
        const fromLink = calculatorAnswer(href!, template.calculation.answer);
        expect(fromLink, `${card.id} seed ${seed}: ${href}`).toBeDefined();
        expect(withinTolerance(fromLink!, instance.answer, { relative: 1e-12, absolute: 1e-12 }), `${card.id} seed ${seed}`).toBe(true);
      }
    }
  });

  it("draws different numbers for different seeds (a retry is a new question)", () => {
    for (const card of numericCards) {
      if (card.spec?.kind !== "numeric") continue;
      const { params } = card.spec.template;
      const draws = new Set(SEEDS.slice(0, 50).map((seed) => JSON.stringify(drawParams(params, seed))));
      expect(draws.size, card.id).toBeGreaterThan(1);
    }
  });

  it("grades a wrong number wrong and keeps the value given", () => {
    for (const card of numericCards) {
      if (card.spec?.kind !== "numeric") continue;
      const answer = instantiate(card.spec.template, 5).answer;
      const wrong = String(answer * 1.5 + 1);
      expect(parseAnswer(wrong)).not.toBeNull();
      expect(gradeResponse(buildQuestion(storedCard(card), 5), { kind: "numeric", text: wrong }), card.id).toEqual({ outcome: "wrong", value: Number(wrong) });
    }
  });
});
