import { z } from "zod";
import { EXPERIMENTS, experimentDefaults } from "./experiments";
import { ARCHITECTURES, DATASETS, DEFAULT_SETUP, EXPERIMENT_IDS, NORMS, SETUP_FIELDS, type LabSetup, type SetupField } from "./setup";

/*
 * The lab's whole setup lives in the query string, so a link reproduces a run bit for bit. Only the settings
 * the experiment reads are written, and only where they differ from its defaults.
 *
 *   exp      learning-rate | activations | small-batches | train-eval | placement | dropout
 *   data     spirals | blobs | bars                         data set
 *   arch     mlp | deep-mlp | conv                          architecture (conv: bar images only)
 *   norm     batch | group | layer | none                   the normalization under test
 *   groups   integer                                        GroupNorm's groups
 *   lr       "0.1"                                          learning rate (small-batches: at batch 32)
 *   lrs      "0.01,0.03,0.1"                                learning-rate: the sweep
 *   batch    integer                                        batch size
 *   batches  "2,4,8,32"                                     small-batches: the batch sizes
 *   momenta  "0.1,0.01,none"                                train-eval: BatchNorm momenta (none: cumulative)
 *   drop     "0.5"                                          dropout: the rate
 *   epochs   integer
 *   seed     integer 0…2³²−1
 */

export const QUERY_KEYS: Record<SetupField, string> = {
  experiment: "exp",
  dataset: "data",
  architecture: "arch",
  norm: "norm",
  groups: "groups",
  lr: "lr",
  lrs: "lrs",
  batch: "batch",
  batches: "batches",
  momenta: "momenta",
  dropout: "drop",
  epochs: "epochs",
  seed: "seed",
};

export const FIELD_ERROR_CODES = [
  "unknown_choice",
  "not_a_number",
  "not_an_integer",
  "not_positive",
  "out_of_range",
  "list_length",
  "duplicate",
  "batch_too_large",
  "groups_not_dividing",
  "more_groups_than_channels",
  "too_few_values",
  "model_data_mismatch",
  "needs_norm",
  "needs_mlp",
  "too_many_steps",
  "bad_value",
] as const;
export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

/** A setting the lab cannot run with, named by its field; params fill the message in either language. */
export interface FieldError {
  field: SetupField;
  code: FieldErrorCode;
  params: Record<string, string | number>;
}

/** The text of every field, as the form shows it (a bad value stays as typed, next to its error). */
export type LabDraft = Record<SetupField, string>;

export const LIMITS = {
  groups: { min: 1, max: 1024 },
  lr: { min: 0, max: 100 },
  batch: { min: 1, max: 100_000 },
  epochs: { min: 1, max: 100 },
  seed: { min: 0, max: 0xffffffff },
  dropout: { min: 0, max: 0.9 },
  momentum: { min: 0, max: 1 },
  lrs: { min: 1, max: 10 },
  batches: { min: 1, max: 6 },
  momenta: { min: 1, max: 4 },
} as const;

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/** What a reader returns after reporting a problem to zod. */
const INVALID = Symbol("invalid");
type Reader<T> = (text: string, ctx: z.RefinementCtx) => T | typeof INVALID;

function report(ctx: z.RefinementCtx, code: FieldErrorCode, params: Record<string, string | number> = {}): typeof INVALID {
  ctx.addIssue({ code: "custom", message: code, params: { code, ...params } });
  return INVALID;
}

function field<T>(read: Reader<T>) {
  return z.string().transform((text, ctx) => {
    const value = read(text, ctx);
    return value === INVALID ? z.NEVER : value;
  });
}

function choice<T extends string>(values: readonly T[]): Reader<T> {
  return (text, ctx) => (values.includes(text as T) ? (text as T) : report(ctx, "unknown_choice", { value: text, choices: values.join(", ") }));
}

function number(min: number, max: number, { integer = false, positive = false } = {}): Reader<number> {
  return (text, ctx) => {
    if (!NUMBER.test(text)) return report(ctx, "not_a_number", { value: text });
    const value = Number(text);
    if (integer && !Number.isInteger(value)) return report(ctx, "not_an_integer", { value: text });
    // PyTorch's SGD refuses lr < 0, and 0 learns nothing.
    if (positive && value <= 0) return report(ctx, "not_positive", { value: text });
    return value < min || value > max ? report(ctx, "out_of_range", { value: text, min, max }) : value;
  };
}

const learningRate = number(LIMITS.lr.min, LIMITS.lr.max, { positive: true });
const batchSize = number(LIMITS.batch.min, LIMITS.batch.max, { integer: true });
const momentumValue = number(LIMITS.momentum.min, LIMITS.momentum.max);
const momentum: Reader<number | null> = (text, ctx) => (text === "none" ? null : momentumValue(text, ctx));

function list<T>(item: Reader<T>, length: { min: number; max: number }): Reader<T[]> {
  return (text, ctx) => {
    const parts = text.split(/[\s,]+/).filter(Boolean);
    if (parts.length < length.min || parts.length > length.max) return report(ctx, "list_length", { count: parts.length, min: length.min, max: length.max });
    const values: T[] = [];
    for (const part of parts) {
      const value = item(part, ctx);
      if (value === INVALID) return INVALID;
      if (values.includes(value)) return report(ctx, "duplicate", { value: part });
      values.push(value);
    }
    return values;
  };
}

const FIELD_SCHEMAS: { [F in SetupField]: z.ZodType<LabSetup[F], string> } = {
  experiment: field(choice(EXPERIMENT_IDS)),
  dataset: field(choice(DATASETS)),
  architecture: field(choice(ARCHITECTURES)),
  norm: field(choice(NORMS)),
  groups: field(number(LIMITS.groups.min, LIMITS.groups.max, { integer: true })),
  lr: field(learningRate),
  lrs: field(list(learningRate, LIMITS.lrs)),
  batch: field(batchSize),
  batches: field(list(batchSize, LIMITS.batches)),
  momenta: field(list(momentum, LIMITS.momenta)),
  dropout: field(number(LIMITS.dropout.min, LIMITS.dropout.max)),
  epochs: field(number(LIMITS.epochs.min, LIMITS.epochs.max, { integer: true })),
  seed: field(number(LIMITS.seed.min, LIMITS.seed.max, { integer: true })),
};

/** A field's value as the form and the link write it. */
export function formatField<F extends SetupField>(field: F, value: LabSetup[F]): string {
  if (Array.isArray(value)) return value.map((item) => (item === null ? "none" : String(item))).join(",");
  return String(value);
}

export function draftOf(setup: LabSetup): LabDraft {
  return Object.fromEntries(SETUP_FIELDS.map((field) => [field, formatField(field, setup[field])])) as LabDraft;
}

export interface ParsedSetup {
  /** Every field read, each one that failed replaced by the experiment's default. */
  setup: LabSetup;
  draft: LabDraft;
  errors: FieldError[];
}

function parseField<F extends SetupField>(field: F, text: string): { value: LabSetup[F] } | { error: FieldError } {
  const result = FIELD_SCHEMAS[field].safeParse(text.trim());
  if (result.success) return { value: result.data };
  const { code, ...params } = ((result.error.issues[0] as { params?: Record<string, string | number> }).params ?? { code: "bad_value" }) as {
    code: FieldErrorCode;
  } & Record<string, string | number>;
  return { error: { field, code, params } };
}

/**
 * Reads a setup field by field from texts (a query string's values, or the form's draft); a missing field
 * takes the experiment's default. Only the fields the experiment reads can fail.
 */
export function parseSetupTexts(texts: Partial<Record<SetupField, string>>): ParsedSetup {
  const errors: FieldError[] = [];
  const experimentText = texts.experiment ?? DEFAULT_SETUP.experiment;
  const experiment = parseField("experiment", experimentText);
  if ("error" in experiment) errors.push(experiment.error);
  const id = "value" in experiment ? experiment.value : DEFAULT_SETUP.experiment;
  const setup: LabSetup = experimentDefaults(id);
  const draft = draftOf(setup);
  draft.experiment = experimentText;
  const read = new Set<SetupField>(EXPERIMENTS[id].fields);
  for (const field of SETUP_FIELDS) {
    const text = texts[field];
    if (field === "experiment" || text === undefined) continue;
    draft[field] = text;
    if (!read.has(field)) continue;
    const parsed = parseField(field, text);
    if ("error" in parsed) errors.push(parsed.error);
    else (setup as unknown as Record<SetupField, unknown>)[field] = parsed.value;
  }
  return { setup, draft, errors };
}

/** Next's searchParams (or URLSearchParams) → the texts of the setup's fields. */
export function queryTexts(query: URLSearchParams | Record<string, string | string[] | undefined>): Partial<Record<SetupField, string>> {
  const first = (key: string) => {
    if (query instanceof URLSearchParams) return query.get(key) ?? undefined;
    const value = query[key];
    return Array.isArray(value) ? value[0] : value;
  };
  const texts: Partial<Record<SetupField, string>> = {};
  for (const field of SETUP_FIELDS) {
    const text = first(QUERY_KEYS[field]);
    if (text !== undefined) texts[field] = text;
  }
  return texts;
}

/** The fields an experiment reads, set to its defaults where it reads nothing: two setups that run the same are equal. */
export function normalizeSetup(setup: LabSetup): LabSetup {
  const normalized = experimentDefaults(setup.experiment);
  for (const field of EXPERIMENTS[setup.experiment].fields) (normalized as unknown as Record<SetupField, unknown>)[field] = setup[field];
  return normalized;
}

/** The query string (without "?"): the experiment, then each setting it reads that differs from its default. */
export function serializeSetup(setup: LabSetup): string {
  const defaults = experimentDefaults(setup.experiment);
  const entries: [string, string][] = [[QUERY_KEYS.experiment, setup.experiment]];
  for (const field of SETUP_FIELDS) {
    if (field === "experiment" || !EXPERIMENTS[setup.experiment].fields.includes(field)) continue;
    const text = formatField(field, setup[field]);
    if (text !== formatField(field, defaults[field])) entries.push([QUERY_KEYS[field], text]);
  }
  return new URLSearchParams(entries).toString();
}
