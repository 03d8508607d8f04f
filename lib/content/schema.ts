import { z } from "zod";
import { EXPERIMENT_IDS, type ExperimentId } from "@/lib/experiments/setup";
import type { Language } from "@/lib/i18n";
import type { SearchText } from "./search-text";

export const TOPICS = [
  "motivation",
  "algorithm",
  "placement",
  "parameters",
  "running-stats",
  "train-eval",
  "backward",
  "regularization",
  "alternatives",
  "inference",
  "practice",
] as const;
export type Topic = (typeof TOPICS)[number];

export const DIFFICULTIES = ["E", "M", "H"] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

export const CARD_TYPES = ["concept", "mcq", "numeric"] as const;
export type CardType = (typeof CARD_TYPES)[number];

/**
 * When a new card is introduced: every core card before any main card, every main card before any depth card
 * (then topic order, then difficulty). core: the must-know questions of a first evening (MUST_KNOW_TOPICS);
 * main: standard interview material; depth: history, variants and advanced derivations.
 */
export const PRIORITIES = ["core", "main", "depth"] as const;
export type Priority = (typeof PRIORITIES)[number];

/** The topics whose must-know questions form the core set: where BN goes, what it holds, how it keeps and uses its statistics. */
export const MUST_KNOW_TOPICS = ["placement", "parameters", "running-stats", "train-eval"] as const satisfies readonly Topic[];

/** The engine calls a numeric card can ask (lib/bn: forward, forward's running update, backward, countParams, foldIntoPreceding). */
export const CALLS = ["forward", "running", "backward", "params", "fold"] as const;
export type Call = (typeof CALLS)[number];

const kebab = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const paramName = /^[A-Za-z][A-Za-z0-9_]*$/;
/** A field path into an engine result: `trainable`, `runningVar[0]`, `running.varAfter[1]`. */
export const FIELD_PATH = /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*|\[\d+\])*$/;

const bilingual = z.strictObject({ en: z.string().trim().min(1), zh: z.string().trim().min(1) });
export type Bilingual = z.infer<typeof bilingual>;

const finite = z.number().refine(Number.isFinite, { error: "must be a finite number" });
const int = z.number().int({ error: "must be an integer" });

// ---- mcq ---------------------------------------------------------------------------------------------

const mcqOptionSource = z.strictObject({
  text: bilingual,
  correct: z.literal(true).optional(),
  why: bilingual.optional(),
});

const mcqOptions = z
  .array(mcqOptionSource)
  .min(3, { error: "an mcq needs at least 3 options" })
  .superRefine((options, ctx) => {
    if (!options.some((option) => option.correct)) ctx.addIssue({ code: "custom", message: "no option is marked correct: true" });
    options.forEach((option, index) => {
      if (!option.correct && !option.why) {
        ctx.addIssue({ code: "custom", path: [index, "why"], message: `wrong option ${optionId(index)} needs a "why" (the misconception it stands for)` });
      }
    });
  });

/** Options are named a, b, c… in the order the file lists them; the order learners see is shuffled per attempt. */
export function optionId(index: number): string {
  return String.fromCharCode(97 + index);
}

// ---- numeric ----------------------------------------------------------------------------------------

const shapeDim = z.union([int.positive({ error: "must be a positive integer" }), z.string().regex(paramName, { error: "must be a number or a parameter name" })]);

export const paramSpecSchema = z.union([
  z.strictObject({ choices: z.array(finite).min(1, { error: "needs at least one choice" }) }),
  z
    .strictObject({ range: z.tuple([int, int]), step: int.positive().optional() })
    .refine((p) => p.range[0] <= p.range[1], { error: "range must be [min, max] with min ≤ max" }),
  z.strictObject({
    tensor: z
      .strictObject({
        shape: z.array(shapeDim).min(1),
        min: finite,
        max: finite,
        decimals: int.min(0).max(6).default(1),
      })
      .refine((t) => t.min <= t.max, { error: "tensor min must be ≤ max" }),
  }),
]);
export type ParamSpec = z.infer<typeof paramSpecSchema>;
export const numericParamSchema = z.strictObject({ name: z.string().regex(paramName), spec: paramSpecSchema });
export type NumericParam = z.infer<typeof numericParamSchema>;

/** A literal, or a string that is exactly one `{{param}}` reference, nested in arrays and objects as needed. */
export type ArgValue = number | string | boolean | null | ArgValue[];
const argValue: z.ZodType<ArgValue> = z.lazy(() => z.union([finite, z.string(), z.boolean(), z.null(), z.array(argValue)]));

export const calculationSchema = z.strictObject({
  call: z.enum(CALLS, { error: `must be one of: ${CALLS.join(", ")}` }),
  args: z.record(z.string(), argValue),
  answer: z.string().regex(FIELD_PATH, { error: "must be a field path such as runningVar[0] or trainable" }),
});
export type Calculation = z.infer<typeof calculationSchema>;

export const toleranceSchema = z
  .strictObject({ relative: finite.nonnegative().optional(), absolute: finite.nonnegative().optional() })
  .refine((t) => t.relative !== undefined || t.absolute !== undefined, { error: "give relative, absolute or both" });
/** Right when |given − expected| ≤ max(absolute, relative·|expected|). */
export type Tolerance = { relative?: number; absolute?: number };
export const DEFAULT_TOLERANCE: Tolerance = { relative: 1e-3 };

// ---- front matter -----------------------------------------------------------------------------------

const metaFields = {
  id: z.string().regex(kebab, { error: "must be kebab-case ASCII (a-z, 0-9, -)" }),
  topic: z.enum(TOPICS, { error: `must be one of: ${TOPICS.join(", ")}` }),
  difficulty: z.enum(DIFFICULTIES, { error: "must be E, M or H" }),
  priority: z.enum(PRIORITIES, { error: `must be one of: ${PRIORITIES.join(", ")}` }),
  tags: z.array(z.string().regex(kebab, { error: "must be kebab-case" })).default([]),
  sources: z.array(z.string().trim().min(1)).min(1, { error: "at least one source is required" }),
  /** The answer rests on a contested explanation (why BN works, why it regularizes, ICS): cite every side. */
  debated: z.boolean().default(false),
  /** BN Lab experiments that show this card's claim ("see it in the lab"). */
  lab: z.array(z.enum(EXPERIMENT_IDS, { error: `must be a BN Lab experiment: ${EXPERIMENT_IDS.join(", ")}` })).default([]),
};

/** A debated card carries this tag too, so pages can find it in the stored tags without a schema change. */
export const DEBATED_TAG = "debated";
/** A must-know (priority: core) card carries this tag, so the plan can count them in the stored tags. */
export const CORE_TAG = "core";

/** Each lab experiment a card links to is stored as the tag `lab-<experiment>`, for the same reason; authors
 * may not write such tags themselves. */
export const LAB_TAG_PREFIX = "lab-";

export function labTag(experiment: ExperimentId): string {
  return `${LAB_TAG_PREFIX}${experiment}`;
}

/** The experiments a card's stored tags link to, in the lab's order. */
export function labExperimentsOf(tags: readonly string[]): ExperimentId[] {
  return EXPERIMENT_IDS.filter((experiment) => tags.includes(labTag(experiment)));
}

export const frontMatterSchema = z.discriminatedUnion(
  "type",
  [
    z.strictObject({ ...metaFields, type: z.literal("concept") }),
    z.strictObject({ ...metaFields, type: z.literal("mcq"), options: mcqOptions }),
    z.strictObject({
      ...metaFields,
      type: z.literal("numeric"),
      params: z
        .record(z.string().regex(paramName, { error: "parameter names are letters, digits and _" }), paramSpecSchema)
        .refine((params) => Object.keys(params).length > 0, { error: "a numeric card needs at least one parameter" }),
      calculation: calculationSchema,
      tolerance: toleranceSchema.optional(),
    }),
  ],
  { error: (issue) => (issue.code === "invalid_union" ? `must be one of: ${CARD_TYPES.join(", ")}` : undefined) },
);
export type FrontMatter = z.infer<typeof frontMatterSchema>;
export type CardMeta = Pick<FrontMatter, "id" | "topic" | "difficulty" | "priority" | "type" | "tags" | "sources" | "debated" | "lab">;

// ---- what a card carries beyond its sides ------------------------------------------------------------

/** One language's side of a card, rendered to HTML (KaTeX included). */
export type CardSides = {
  question: string;
  answer: string;
  /** the common wrong answer and why it is wrong, when there is one */
  wrongAnswer: string | null;
  /** HTML of each key point a learner grades their own answer against (may be empty for mcq and numeric) */
  keyPoints: string[];
  /**
   * The answer as a strong candidate would say it aloud in about 30 seconds (HTML). Every card has one; null
   * only for a card stored before spoken answers existed.
   */
  spoken: string | null;
};

const byLanguage = z.strictObject({ en: z.string(), zh: z.string() });

export const mcqOptionSchema = z.strictObject({
  /** a, b, c… in file order */
  id: z.string(),
  correct: z.boolean(),
  /** inline HTML per language */
  html: byLanguage,
  /** why this wrong option is wrong, inline HTML per language; null for correct options */
  why: byLanguage.nullable(),
});
export type McqOption = z.infer<typeof mcqOptionSchema>;

export const numericTemplateSchema = z.strictObject({
  /** in declaration order: draws from the seed follow it */
  params: z.array(numericParamSchema).min(1),
  calculation: calculationSchema,
  tolerance: toleranceSchema,
  /** raw Markdown with {{placeholders}} */
  question: byLanguage,
  /** raw Markdown of the worked solution (the card's Answer section) with {{placeholders}} */
  solution: byLanguage,
});
export type NumericTemplate = z.infer<typeof numericTemplateSchema>;

/** A numeric card's question and worked solution as Markdown, filled with one draw's numbers (seed 1). */
export type NumericPreview = { question: Bilingual; solution: Bilingual };
/** The check every numeric template passes before it joins the deck; returns its preview. */
export type NumericCheck = (template: NumericTemplate) => NumericPreview;

export const cardSpecSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("mcq"), options: z.array(mcqOptionSchema).min(1) }),
  z.strictObject({ kind: z.literal("numeric"), template: numericTemplateSchema }),
]);
export type CardSpec = z.infer<typeof cardSpecSchema>;
export type McqSpec = Extract<CardSpec, { kind: "mcq" }>;
export type NumericSpec = Extract<CardSpec, { kind: "numeric" }>;

export type DeckCard = CardMeta & {
  /** path relative to the deck folder, for error messages */
  file: string;
  position: number;
  /** For numeric cards, a preview instance (seed 1) so browsing and search work. */
  body: Record<Language, CardSides>;
  /** null for concept cards; JSON-serialisable, stored as a JSON column */
  spec: CardSpec | null;
  /** the card's text in both languages as search indexes and shows it */
  searchText: Record<Language, SearchText>;
  contentHash: string;
};
