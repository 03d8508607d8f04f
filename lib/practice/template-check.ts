import { calculatorHref } from "@/lib/calculator/link";
import { formatNumber } from "@/lib/calculator/format";
import { type Bilingual, type NumericPreview, type NumericTemplate } from "@/lib/content/schema";
import { parseAnswer, withinTolerance } from "./answer-parse";
import { describeParams, drawParams, extremeValues, fillPlaceholders, instantiate, PREVIEW_SEED, type NumericInstance } from "./numeric";
import { LANGUAGES } from "@/lib/i18n";

/** Seeds every numeric card is tried with, besides every combination of its parameters' extreme values. */
export const CHECK_SEEDS = 50;
const MAX_COMBINATIONS = 512;

function cartesian(axes: [string, number[]][]): Record<string, number>[] {
  return axes.reduce<Record<string, number>[]>(
    (combos, [name, values]) => combos.flatMap((combo) => values.map((value) => ({ ...combo, [name]: value }))),
    [{}],
  );
}

/** Pinned scalar values to try: every combination of extremes, or each extreme alone when there are too many. */
function extremeCombinations(template: NumericTemplate): Record<string, number>[] {
  const axes = template.params
    .map(({ name, spec }) => [name, extremeValues(spec)] as [string, number[]])
    .filter(([, values]) => values.length > 0);
  const count = axes.reduce((product, [, values]) => product * values.length, 1);
  if (count <= MAX_COMBINATIONS) return cartesian(axes);
  return axes.flatMap(([name, values]) => values.map((value) => ({ [name]: value })));
}

/**
 * The content check of a numeric card: its calculation must give a finite answer for every extreme value of
 * its parameters and for CHECK_SEEDS seeds; every placeholder must name something; the displayed answer must
 * grade as right against itself; the calculator link must carry the numbers. Returns the preview (seed 1)
 * Markdown; throws an Error whose message names the failing parameter values.
 */
export function checkNumericTemplate(template: NumericTemplate): NumericPreview {
  const trials: { seed: number; fixed: Record<string, number> }[] = [
    ...extremeCombinations(template).map((fixed, index) => ({ seed: index + 1, fixed })),
    ...Array.from({ length: CHECK_SEEDS }, (_, index) => ({ seed: index + 1, fixed: {} })),
  ];
  const fill = (instance: NumericInstance) => {
    const out = { question: {} as Bilingual, solution: {} as Bilingual };
    for (const lang of LANGUAGES) {
      out.question[lang] = fillPlaceholders(template.question[lang], instance, `Question (${lang})`);
      out.solution[lang] = fillPlaceholders(template.solution[lang], instance, `Answer (${lang})`);
    }
    return out;
  };

  for (const { seed, fixed } of trials) {
    let instance: NumericInstance;
    try {
      instance = instantiate(template, seed, fixed);
    } catch (error) {
      let values: string;
      try {
        values = describeParams(drawParams(template.params, seed, fixed));
      } catch {
        values = `seed ${seed}`;
      }
      throw new Error(`numeric calculation fails for ${values}: ${(error as Error).message}`);
    }
    const shown = parseAnswer(formatNumber(instance.answer));
    if (shown === null || !withinTolerance(shown, instance.answer, template.tolerance)) {
      throw new Error(
        `for ${describeParams(instance.params)} the displayed answer ${formatNumber(instance.answer)} is outside the card's own tolerance of ${instance.answer}`,
      );
    }
    if (calculatorHref(instance.engine, instance.result, template.calculation.answer) === null) {
      throw new Error(`for ${describeParams(instance.params)} the numbers are too long for a calculator link; use a smaller tensor`);
    }
    fill(instance);
  }

  // parseCard renders the preview, so a formula KaTeX cannot parse is reported under its section's name.
  return fill(instantiate(template, PREVIEW_SEED));
}
