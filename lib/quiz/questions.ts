import { formatNumber } from "@/lib/calculator/format";
import { renderMarkdown } from "@/lib/content/render";
import { CARD_TYPES, parseCardSpec, type CardSides, type CardSpec, type Language, type Tolerance } from "@/lib/content/schema";
import { parseAnswer, withinTolerance } from "./answer-parse";
import { gradeMcq, shuffleOptions } from "./mcq";
import { calculatorHref, fillPlaceholders, instantiate, type NumericInstance } from "./numeric";

/*
 * The questions a quiz asks, computed from a stored card and the seed the quiz stored for the question: the
 * same card and seed always give the same option order and the same numbers. HTML is rendered on the server.
 */

/** A card as the database row holds it. `type` is the card's type column (concept, mcq or numeric). */
export type StoredCard = { id: string; type: string; body: string; spec: string | null };

export type QuestionView =
  | { kind: "concept"; question: string; answer: string; keyPoints: string[]; wrongAnswer: string | null }
  | { kind: "mcq"; question: string; multiple: boolean; options: { id: string; html: string }[] }
  | { kind: "numeric"; question: string };

export type QuestionResponse = { kind: "mcq"; chosen: string[] } | { kind: "numeric"; text: string };

export type GradedResponse = { outcome: "right" | "wrong"; value?: number } | { outcome: "not_a_number" };

export type McqFeedback = {
  kind: "mcq";
  /** the card's Answer section */
  explanation: string;
  keyPoints: string[];
  /** in the order the question showed them */
  options: { id: string; html: string; correct: boolean; chosen: boolean; why: string | null }[];
};

export type NumericFeedback = {
  kind: "numeric";
  expected: number;
  /** the expected value to 6 significant digits, as the solution prints it */
  expectedText: string;
  given: number | null;
  givenText: string | null;
  /** the worked solution: the formula with this question's numbers */
  solution: string;
  keyPoints: string[];
  /** /calculator?… with exactly this question's numbers */
  calculatorHref: string;
  tolerance: Tolerance;
};

export type FeedbackView = McqFeedback | NumericFeedback;

function sidesOf(card: StoredCard, lang: Language): CardSides {
  return (JSON.parse(card.body) as Record<Language, CardSides>)[lang];
}

function specOf<K extends CardSpec["kind"]>(card: StoredCard, kind: K): Extract<CardSpec, { kind: K }> {
  const spec = parseCardSpec(card.spec);
  if (card.type !== kind || spec?.kind !== kind) throw new Error(`card ${card.id} is a ${card.type} card, not ${kind}`);
  return spec as Extract<CardSpec, { kind: K }>;
}

function numericQuestion(card: StoredCard, seed: number) {
  const { template } = specOf(card, "numeric");
  return { template, instance: instantiate(template, seed) };
}

function fillAndRender(markdown: string, instance: NumericInstance, where: string): string {
  return renderMarkdown(fillPlaceholders(markdown, instance, where));
}

/** What the learner sees before answering. */
export function presentQuestion(card: StoredCard, seed: number, lang: Language): QuestionView {
  const sides = sidesOf(card, lang);
  switch (card.type) {
    case "concept":
      return { kind: "concept", question: sides.question, answer: sides.answer, keyPoints: sides.keyPoints, wrongAnswer: sides.wrongAnswer };
    case "mcq": {
      const { options } = specOf(card, "mcq");
      return {
        kind: "mcq",
        question: sides.question,
        multiple: options.filter((option) => option.correct).length > 1,
        options: shuffleOptions(options, seed).map((option) => ({ id: option.id, html: option.html[lang] })),
      };
    }
    case "numeric": {
      const { template, instance } = numericQuestion(card, seed);
      return { kind: "numeric", question: fillAndRender(template.question[lang], instance, "question") };
    }
    default:
      throw new Error(`card ${card.id} has unknown type ${card.type}; expected one of ${CARD_TYPES.join(", ")}`);
  }
}

/** Grades an mcq (exact set of options) or a numeric answer (within the card's tolerance). */
export function gradeResponse(card: StoredCard, seed: number, response: QuestionResponse): GradedResponse {
  if (response.kind === "mcq") return { outcome: gradeMcq(specOf(card, "mcq").options, response.chosen) };
  const { template, instance } = numericQuestion(card, seed);
  const value = parseAnswer(response.text);
  if (value === null) return { outcome: "not_a_number" };
  return { outcome: withinTolerance(value, instance.answer, template.tolerance) ? "right" : "wrong", value };
}

/** The feedback after answering (or, with no response, the solution on its own). */
export function explainQuestion(card: StoredCard, seed: number, lang: Language, response: QuestionResponse | null): FeedbackView {
  const sides = sidesOf(card, lang);
  if (card.type === "mcq") {
    const { options } = specOf(card, "mcq");
    const chosen = new Set(response?.kind === "mcq" ? response.chosen : []);
    return {
      kind: "mcq",
      explanation: sides.answer,
      keyPoints: sides.keyPoints,
      options: shuffleOptions(options, seed).map((option) => ({
        id: option.id,
        html: option.html[lang],
        correct: option.correct,
        chosen: chosen.has(option.id),
        why: option.why?.[lang] ?? null,
      })),
    };
  }
  const { template, instance } = numericQuestion(card, seed);
  const givenText = response?.kind === "numeric" ? response.text.trim() : null;
  return {
    kind: "numeric",
    expected: instance.answer,
    expectedText: formatNumber(instance.answer),
    given: givenText === null ? null : parseAnswer(givenText),
    givenText,
    solution: fillAndRender(template.solution[lang], instance, "solution"),
    keyPoints: sides.keyPoints,
    // The content check refuses a card whose numbers do not fit a link, so the fallback is never expected.
    calculatorHref: calculatorHref(instance, template.calculation.answer) ?? "/calculator",
    tolerance: template.tolerance,
  };
}
