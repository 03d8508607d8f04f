import { calculatorHref } from "@/lib/calculator/link";
import { formatNumber } from "@/lib/calculator/format";
import { renderMarkdown } from "@/lib/content/render";
import type { CardSides, CardSpec, CardType, McqOption, NumericTemplate, Tolerance } from "@/lib/content/schema";
import { parseAnswer, withinTolerance } from "./answer-parse";
import { gradeMcq, shuffleOptions } from "./mcq";
import { fillPlaceholders, instantiate, type NumericInstance } from "./numeric";
import type { Language } from "@/lib/i18n";

/*
 * A question is built once from a card and a seed: the seed fixes the option order of an mcq and the numbers
 * of a numeric card (the engine runs here, once). Presenting it, grading an answer and explaining it all read
 * that one object, so the same card and seed always ask, grade and explain the same thing. HTML is rendered on
 * the server.
 */

/** What practice needs of a card: its type, both languages' sides and its spec (the deck's or the database's). */
export type PracticeCard = { id: string; type: CardType; body: Record<Language, CardSides>; spec: CardSpec | null };

export type Question =
  | { kind: "concept"; card: PracticeCard; seed: number }
  | { kind: "mcq"; card: PracticeCard; seed: number; /** in the order this attempt shows them */ options: McqOption[] }
  | { kind: "numeric"; card: PracticeCard; seed: number; template: NumericTemplate; instance: NumericInstance };

export type QuestionView =
  | { kind: "concept"; question: string; answer: string; keyPoints: string[]; wrongAnswer: string | null; spoken: string | null }
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
  /** whether the given value is right within the tolerance; null when no value was given */
  correct: boolean | null;
  /** the worked solution: the formula with this question's numbers */
  solution: string;
  keyPoints: string[];
  /** /calculator?… with exactly this question's numbers */
  calculatorHref: string;
  tolerance: Tolerance;
};

export type FeedbackView = McqFeedback | NumericFeedback;

function specOf<K extends CardSpec["kind"]>(card: PracticeCard, kind: K): Extract<CardSpec, { kind: K }> {
  if (card.type !== kind || card.spec?.kind !== kind) throw new Error(`card ${card.id} is a ${card.type} card, not ${kind}`);
  return card.spec as Extract<CardSpec, { kind: K }>;
}

function expectKind<K extends Question["kind"]>(question: Question, kind: K): Extract<Question, { kind: K }> {
  if (question.kind !== kind) throw new Error(`card ${question.card.id} is a ${question.card.type} card, not ${kind}`);
  return question as Extract<Question, { kind: K }>;
}

/** The question a card asks with this seed. Throws when a numeric card's template cannot be computed. */
export function buildQuestion(card: PracticeCard, seed: number): Question {
  switch (card.type) {
    case "concept":
      return { kind: "concept", card, seed };
    case "mcq":
      return { kind: "mcq", card, seed, options: shuffleOptions(specOf(card, "mcq").options, seed) };
    case "numeric": {
      const { template } = specOf(card, "numeric");
      return { kind: "numeric", card, seed, template, instance: instantiate(template, seed) };
    }
  }
}

function fillAndRender(markdown: string, instance: NumericInstance, where: string): string {
  return renderMarkdown(fillPlaceholders(markdown, instance, where));
}

/** What the learner sees before answering: no hint of which option is correct, and no answer. */
export function presentQuestion(question: Question, lang: Language): QuestionView {
  const sides = question.card.body[lang];
  switch (question.kind) {
    case "concept":
      return {
        kind: "concept",
        question: sides.question,
        answer: sides.answer,
        keyPoints: sides.keyPoints,
        wrongAnswer: sides.wrongAnswer,
        spoken: sides.spoken,
      };
    case "mcq":
      return {
        kind: "mcq",
        question: sides.question,
        multiple: question.options.filter((option) => option.correct).length > 1,
        options: question.options.map((option) => ({ id: option.id, html: option.html[lang] })),
      };
    case "numeric":
      return { kind: "numeric", question: fillAndRender(question.template.question[lang], question.instance, "question") };
  }
}

/** Grades an mcq (exact set of options) or a numeric answer (within the card's tolerance). */
export function gradeResponse(question: Question, response: QuestionResponse): GradedResponse {
  if (response.kind === "mcq") return { outcome: gradeMcq(expectKind(question, "mcq").options, response.chosen) };
  const { template, instance } = expectKind(question, "numeric");
  const value = parseAnswer(response.text);
  if (value === null) return { outcome: "not_a_number" };
  return { outcome: withinTolerance(value, instance.answer, template.tolerance) ? "right" : "wrong", value };
}

/** The feedback after answering (or, with no response, the solution on its own). */
export function explainQuestion(question: Question, lang: Language, response: QuestionResponse | null): FeedbackView {
  const sides = question.card.body[lang];
  if (question.kind === "mcq") {
    const chosen = new Set(response?.kind === "mcq" ? response.chosen : []);
    return {
      kind: "mcq",
      explanation: sides.answer,
      keyPoints: sides.keyPoints,
      options: question.options.map((option) => ({
        id: option.id,
        html: option.html[lang],
        correct: option.correct,
        chosen: chosen.has(option.id),
        why: option.why?.[lang] ?? null,
      })),
    };
  }
  const { template, instance } = expectKind(question, "numeric");
  const givenText = response?.kind === "numeric" ? response.text.trim() : null;
  const given = givenText === null ? null : parseAnswer(givenText);
  return {
    kind: "numeric",
    expected: instance.answer,
    expectedText: formatNumber(instance.answer),
    given,
    givenText,
    correct: given === null ? null : withinTolerance(given, instance.answer, template.tolerance),
    solution: fillAndRender(template.solution[lang], instance, "solution"),
    keyPoints: sides.keyPoints,
    // The content check refuses a card whose numbers do not fit a link, so the fallback is never expected.
    calculatorHref: calculatorHref(instance.engine, instance.result, template.calculation.answer) ?? "/calculator",
    tolerance: template.tolerance,
  };
}
