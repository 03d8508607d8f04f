import { z } from "zod";
import { backward, countParams, foldIntoPreceding, forward, type BnArgs, type FoldArgs, type NormLayerSpec } from "@/lib/bn";
import { formatNumber } from "@/lib/calculator/format";
import { mulberry32 } from "@/lib/calculator/random";
import { TABLE_CHANNELS } from "@/lib/calculator/tensor";
import {
  DEFAULT_FOLD,
  DEFAULT_STATE,
  DEFAULT_TENSOR,
  defaultEps,
  defaultMomentum,
  KERAS_LAYERS,
  layerFlagDefaults,
  PYTORCH_LAYERS,
  serializeCalculatorState,
  type CalculatorState,
} from "@/lib/calculator/url-state";
import { FIELD_PATH, type ArgValue, type Calculation, type NumericParam, type NumericTemplate, type ParamSpec } from "@/lib/content/schema";

/*
 * A numeric card is a template: parameters drawn from a seed, an engine call built from them, and a field of
 * the call's result that is the answer. Nothing here stores an answer: lib/bn computes it for every draw.
 */

export type TensorValue = { shape: number[]; values: number[] };
export type ParamValue = number | TensorValue;
export type ParamValues = Record<string, ParamValue>;

/** A BatchNorm call's arguments as a card gives them: every flag of both frameworks, read by the one that applies. */
export type BnCallArgs = z.infer<typeof bnArgsSchema>;
export type FoldCallArgs = z.infer<typeof foldArgsSchema> & { runningMean: number[]; runningVar: number[] };

export type EngineCall =
  | { call: "forward" | "running"; args: BnCallArgs }
  | { call: "backward"; args: BnCallArgs & { gradOutput: number[] } }
  | { call: "params"; args: NormLayerSpec }
  | { call: "fold"; args: FoldCallArgs };

export interface NumericInstance {
  seed: number;
  params: ParamValues;
  engine: EngineCall;
  /** the engine's result (for `running`, the forward result with runningMean/runningVar/numBatchesTracked after the update) */
  result: Record<string, unknown>;
  answer: number;
}

/** A template problem an author must fix; the message says which parameter values or placeholder. */
export class NumericTemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NumericTemplateError";
  }
}

/** Largest seeded tensor a card may draw: it is printed in the question and carried in the calculator link. */
export const MAX_TENSOR_VALUES = 1024;
export const PREVIEW_SEED = 1;

// ---- drawing parameters -----------------------------------------------------------------------------

function isTensor(spec: ParamSpec): spec is Extract<ParamSpec, { tensor: unknown }> {
  return "tensor" in spec;
}

/** The values a range or choice parameter can take at its ends (every choice; a range's first and last step). */
export function extremeValues(spec: ParamSpec): number[] {
  if ("choices" in spec) return [...new Set(spec.choices)];
  if ("range" in spec) {
    const [min, max] = spec.range;
    const step = spec.step ?? 1;
    return [...new Set([min, min + Math.floor((max - min) / step) * step])];
  }
  return [];
}

/**
 * Draws every parameter from mulberry32(seed): scalars first, in declaration order, then tensors (whose shapes
 * may name scalars). `fixed` pins scalar parameters (the content check uses it to try every extreme).
 */
export function drawParams(params: readonly NumericParam[], seed: number, fixed: Record<string, number> = {}): ParamValues {
  const random = mulberry32(seed);
  const values: ParamValues = {};
  for (const { name, spec } of params) {
    if (isTensor(spec)) continue;
    let value: number;
    if ("choices" in spec) value = spec.choices[Math.floor(random() * spec.choices.length)]!;
    else {
      const step = spec.step ?? 1;
      const count = Math.floor((spec.range[1] - spec.range[0]) / step) + 1;
      value = spec.range[0] + Math.floor(random() * count) * step;
    }
    values[name] = fixed[name] ?? value;
  }
  for (const { name, spec } of params) {
    if (!isTensor(spec)) continue;
    const { min, max, decimals } = spec.tensor;
    const shape = spec.tensor.shape.map((dim) => {
      if (typeof dim === "number") return dim;
      const value = values[dim];
      if (typeof value !== "number") throw new NumericTemplateError(`tensor "${name}": shape names "${dim}", which is no range or choice parameter`);
      if (!Number.isInteger(value) || value <= 0) throw new NumericTemplateError(`tensor "${name}": shape dimension ${dim}=${value} is not a positive integer`);
      return value;
    });
    const size = shape.reduce((product, dim) => product * dim, 1);
    if (size > MAX_TENSOR_VALUES) throw new NumericTemplateError(`tensor "${name}" has ${size} values; at most ${MAX_TENSOR_VALUES}`);
    const scale = 10 ** decimals;
    const low = Math.ceil(min * scale - 1e-9);
    const high = Math.floor(max * scale + 1e-9);
    // k / 10^d is the shortest decimal for these k, so the numbers print and travel in links exactly as drawn.
    const draw = () => (low + Math.floor(random() * (high - low + 1))) / scale;
    values[name] = { shape, values: Array.from({ length: size }, draw) };
  }
  return values;
}

// ---- references: {{param}}, {{x.shape}}, {{answer}}, {{result.batchVar[0]}} ---------------------------

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const EXACT_REFERENCE = /^\{\{\s*([^{}]*?)\s*\}\}$/;

function splitPath(path: string): (string | number)[] {
  return [...path.matchAll(/([A-Za-z_]\w*)|\[(\d+)\]/g)].map((m) => (m[1] !== undefined ? m[1] : Number(m[2])));
}

function step(value: unknown, key: string | number): unknown {
  if (value == null) return undefined;
  if (typeof key === "number") {
    if (typeof value !== "object" || !("length" in value)) return undefined;
    return (value as ArrayLike<unknown>)[key];
  }
  if (typeof value !== "object" || ArrayBuffer.isView(value) || Array.isArray(value)) return undefined;
  return Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}

/** Reads a field path such as `runningVar[0]` or `running.varAfter[1]`; undefined when there is no such field. */
export function readPath(root: unknown, path: string): unknown {
  if (!FIELD_PATH.test(path)) return undefined;
  return splitPath(path).reduce<unknown>(step, root);
}

/** A parameter reference: `C`, `x` (a tensor's values), `x.shape`, `x[0]`. */
function readParam(params: ParamValues, path: string): unknown {
  const [name, ...rest] = splitPath(path);
  if (typeof name !== "string" || !FIELD_PATH.test(path) || !Object.hasOwn(params, name)) return undefined;
  const value = params[name]!;
  if (typeof value === "number") return rest.length === 0 ? value : undefined;
  if (rest[0] === "shape") return rest.slice(1).reduce<unknown>(step, value.shape);
  return rest.reduce<unknown>(step, value.values);
}

function plain(value: unknown): unknown {
  if (ArrayBuffer.isView(value)) return Array.from(value as Float64Array);
  return value;
}

/** Puts parameter values into the calculation's arguments: "{{C}}" becomes 64, ["{{b}}"] becomes [0.5]. */
export function resolveArgs(args: Record<string, ArgValue>, params: ParamValues): Record<string, unknown> {
  const resolve = (value: ArgValue, where: string): unknown => {
    if (Array.isArray(value)) return value.map((item, index) => resolve(item, `${where}[${index}]`));
    if (typeof value !== "string" || !value.includes("{{")) return value;
    const match = EXACT_REFERENCE.exec(value);
    if (!match) throw new NumericTemplateError(`calculation.args.${where}: "${value}" must be exactly one {{parameter}} reference`);
    const resolved = readParam(params, match[1]!);
    if (resolved === undefined) throw new NumericTemplateError(`calculation.args.${where}: {{${match[1]}}} names no parameter`);
    return plain(resolved);
  };
  return Object.fromEntries(Object.entries(args).map(([key, value]) => [key, resolve(value, key)]));
}

// ---- the engine call --------------------------------------------------------------------------------

const finite = z.number().refine(Number.isFinite, { error: "must be a finite number" });
const vector = z.array(finite);
const bnFields = {
  framework: z.enum(["pytorch", "keras"]).default("pytorch"),
  mode: z.enum(["train", "eval"]).default("train"),
  input: vector,
  shape: z.array(z.number().int()),
  eps: finite.optional(),
  momentum: finite.nullable().optional(),
  numBatchesTracked: z.number().int().optional(),
  affine: z.boolean().optional(),
  trackRunningStats: z.boolean().optional(),
  center: z.boolean().optional(),
  scale: z.boolean().optional(),
  gamma: vector.optional(),
  beta: vector.optional(),
  runningMean: vector.optional(),
  runningVar: vector.optional(),
};
const bnArgsSchema = z.strictObject(bnFields);
const backwardArgsSchema = z.strictObject({ ...bnFields, gradOutput: vector });
const paramsArgsSchema = z.strictObject({
  layer: z.enum([...PYTORCH_LAYERS, ...KERAS_LAYERS]),
  numFeatures: z.number().optional(),
  numChannels: z.number().optional(),
  numGroups: z.number().optional(),
  features: z.number().optional(),
  groups: z.number().optional(),
  normalizedShape: z.union([z.number(), z.array(z.number())]).optional(),
  size: z.number().optional(),
  inChannels: z.number().optional(),
  outChannels: z.number().optional(),
  kernelSize: z.union([z.number(), z.tuple([z.number(), z.number()])]).optional(),
  inFeatures: z.number().optional(),
  outFeatures: z.number().optional(),
  bias: z.boolean().optional(),
  affine: z.boolean().optional(),
  trackRunningStats: z.boolean().optional(),
  elementwiseAffine: z.boolean().optional(),
  center: z.boolean().optional(),
  scale: z.boolean().optional(),
});
const foldArgsSchema = z.strictObject({
  weight: vector,
  weightShape: z.array(z.number().int()),
  bias: vector.optional(),
  runningMean: vector.optional(),
  runningVar: vector.optional(),
  eps: finite.default(1e-5),
  gamma: vector.optional(),
  beta: vector.optional(),
});

function parseArgs<T>(schema: z.ZodType<T>, args: Record<string, unknown>): T {
  const parsed = schema.safeParse(args);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new NumericTemplateError(`calculation.args${issue.path.length ? "." + issue.path.join(".") : ""}: ${issue.message}`);
}

/** The engine arguments of a calculation for these parameter values, validated. */
export function engineCall(calculation: Calculation, params: ParamValues): EngineCall {
  const args = resolveArgs(calculation.args, params);
  switch (calculation.call) {
    case "forward":
    case "running":
      return { call: calculation.call, args: parseArgs(bnArgsSchema, args) };
    case "backward":
      return { call: "backward", args: parseArgs(backwardArgsSchema, args) };
    case "params":
      return { call: "params", args: parseArgs(paramsArgsSchema, args) as NormLayerSpec };
    case "fold": {
      const fold = parseArgs(foldArgsSchema, args);
      const outChannels = fold.weightShape[0] ?? 0;
      return {
        call: "fold",
        args: { ...fold, runningMean: fold.runningMean ?? Array(outChannels).fill(0), runningVar: fold.runningVar ?? Array(outChannels).fill(1) },
      };
    }
  }
}

/** Runs lib/bn. Throws the engine's BnError when these arguments are invalid for it. */
export function runEngine(engine: EngineCall): Record<string, unknown> {
  switch (engine.call) {
    case "forward":
      return { ...forward(engine.args as BnArgs) };
    case "running": {
      const result = forward(engine.args as BnArgs);
      if (!result.running) throw new NumericTemplateError("call running: this layer keeps no running statistics");
      return {
        ...result,
        runningMean: result.running.meanAfter,
        runningVar: result.running.varAfter,
        numBatchesTracked: result.running.numBatchesTrackedAfter,
        factor: result.running.factor,
      };
    }
    case "backward":
      return { ...backward(engine.args as BnArgs & { gradOutput: number[] }) };
    case "params":
      return { ...countParams(engine.args) };
    case "fold":
      return { ...foldIntoPreceding(engine.args satisfies FoldArgs) };
  }
}

/** One question: parameters drawn from the seed, and the engine's answer for them. */
export function instantiate(template: Pick<NumericTemplate, "params" | "calculation">, seed: number, fixed: Record<string, number> = {}): NumericInstance {
  const params = drawParams(template.params, seed, fixed);
  const engine = engineCall(template.calculation, params);
  const result = runEngine(engine);
  const answer = readPath(result, template.calculation.answer);
  if (typeof answer !== "number" || !Number.isFinite(answer)) {
    throw new NumericTemplateError(
      `calculation.answer "${template.calculation.answer}" is ${answer === undefined ? "not a field of the result" : `not a finite number (${String(answer)})`}`,
    );
  }
  return { seed, params, engine, result, answer };
}

// ---- filling Markdown ------------------------------------------------------------------------------

function display(value: unknown): string | undefined {
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return String(value);
  if (value === null) return "none";
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    const items = Array.from(value as ArrayLike<unknown>, display);
    return items.every((item) => item !== undefined) ? items.join(", ") : undefined;
  }
  return undefined;
}

/** Every {{placeholder}} of a Markdown template, as written. */
export function placeholders(markdown: string): string[] {
  return [...markdown.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

/**
 * Fills {{name}} placeholders with this instance's numbers (6 significant digits; a tensor as "1, -0.5, 2").
 * A placeholder may name a parameter (`C`, `x`, `x[0]`, `x.shape`), `answer`, or a result field
 * (`result.batchVar[0]`). Throws naming `where` when one names nothing.
 */
export function fillPlaceholders(markdown: string, instance: NumericInstance, where: string): string {
  return markdown.replace(PLACEHOLDER, (_, reference: string) => {
    let value: unknown;
    if (reference === "answer") value = instance.answer;
    else if (reference === "result" || reference.startsWith("result.") || reference.startsWith("result[")) {
      value = readPath({ result: instance.result }, reference);
    } else value = readParam(instance.params, reference);
    const text = display(value);
    if (text === undefined) throw new NumericTemplateError(`${where}: placeholder {{${reference}}} names no parameter or computed value`);
    return text;
  });
}

/** "C=64, N=4, x=[1, -0.5, 2, 0]": the values of one draw, for error messages. */
export function describeParams(params: ParamValues): string {
  return Object.entries(params)
    .map(([name, value]) => `${name}=${typeof value === "number" ? value : `[${value.values.join(", ")}]`}`)
    .join(", ");
}

// ---- the calculator link ---------------------------------------------------------------------------

// String(x) is the shortest text that reads back as exactly x, so the calculator recomputes the same double.
const list = (values: ArrayLike<number> | null | undefined) => (values == null ? "" : Array.from(values, String).join(","));
/** A default written the way the calculator writes it, so the link leaves it out. */
const numberText = (value: number, fallback: string) => (value === Number(fallback) ? fallback : String(value));

/** The channel the answer belongs to, so the calculator shows that channel's working. */
function answerChannel(instance: NumericInstance, answerPath: string, shape: number[]): number {
  const [field, index] = splitPath(answerPath);
  if (typeof field !== "string" || typeof index !== "number") return 0;
  const array = instance.result[field];
  const length = array && typeof array === "object" && "length" in array ? (array as ArrayLike<unknown>).length : 0;
  const channels = shape[1]!;
  const spatial = shape.slice(2).reduce((product, dim) => product * dim, 1);
  if (length === channels) return index;
  if (length === shape[0]! * channels * spatial) return Math.floor(index / spatial) % channels;
  return 0;
}

/** The calculator state that reproduces this question's numbers. */
export function calculatorState(instance: NumericInstance, answerPath: string): CalculatorState {
  const engine = instance.engine;
  if (engine.call === "params") {
    const spec = engine.args as NormLayerSpec & Record<string, unknown>;
    const flags = layerFlagDefaults(spec.layer);
    const read = (key: string) => (typeof spec[key] === "boolean" ? (spec[key] as boolean) : undefined);
    const number = (...keys: string[]) => keys.map((key) => spec[key]).find((value) => value !== undefined);
    const features = number("numFeatures", "numChannels", "features", "outChannels", "outFeatures");
    const inFeatures = number("inChannels", "inFeatures");
    const kernel = spec.kernelSize as number | number[] | undefined;
    const groups = number("numGroups", "groups");
    const shape = spec.normalizedShape;
    return {
      ...DEFAULT_STATE,
      calc: "params",
      params: {
        framework: (KERAS_LAYERS as readonly string[]).includes(spec.layer) ? "keras" : "pytorch",
        layer: spec.layer,
        features: features === undefined ? DEFAULT_STATE.params.features : String(features),
        groups: groups === undefined ? DEFAULT_STATE.params.groups : String(groups),
        normalizedShape: shape === undefined ? DEFAULT_STATE.params.normalizedShape : list(typeof shape === "number" ? [shape] : (shape as number[])),
        size: spec.size === undefined ? DEFAULT_STATE.params.size : String(spec.size),
        inFeatures: inFeatures === undefined ? DEFAULT_STATE.params.inFeatures : String(inFeatures),
        kernelSize: kernel === undefined ? DEFAULT_STATE.params.kernelSize : list(typeof kernel === "number" ? [kernel] : kernel),
        bias: read("bias") ?? DEFAULT_STATE.params.bias,
        affine: read("affine") ?? read("elementwiseAffine") ?? flags.affine,
        trackRunningStats: read("trackRunningStats") ?? flags.trackRunningStats,
        center: read("center") ?? flags.center,
        scale: read("scale") ?? flags.scale,
      },
    };
  }
  if (engine.call === "fold") {
    const f = engine.args;
    return {
      ...DEFAULT_STATE,
      calc: "fold",
      fold: {
        ...DEFAULT_FOLD,
        kind: f.weightShape.length === 2 ? "linear" : "conv",
        weightShape: list(f.weightShape),
        source: "typed",
        weight: list(f.weight),
        bias: list(f.bias),
        eps: numberText(f.eps, DEFAULT_FOLD.eps),
        gamma: list(f.gamma),
        beta: list(f.beta),
        runningMean: list(f.runningMean),
        runningVar: list(f.runningVar),
      },
    };
  }
  const a = engine.args;
  const channel = answerChannel(instance, answerPath, a.shape);
  const pytorch = a.framework === "pytorch";
  return {
    ...DEFAULT_STATE,
    calc: "tensor",
    tensor: {
      ...DEFAULT_TENSOR,
      framework: a.framework,
      mode: a.mode,
      shape: list(a.shape),
      source: "typed",
      values: list(a.input),
      eps: numberText(a.eps ?? Number(defaultEps(a.framework)), defaultEps(a.framework)),
      momentum: a.momentum === undefined ? defaultMomentum(a.framework) : a.momentum === null ? "none" : String(a.momentum),
      numBatchesTracked: pytorch && a.numBatchesTracked !== undefined ? String(a.numBatchesTracked) : "0",
      affine: pytorch ? (a.affine ?? true) : true,
      trackRunningStats: pytorch ? (a.trackRunningStats ?? true) : true,
      center: pytorch ? true : (a.center ?? true),
      scale: pytorch ? true : (a.scale ?? true),
      gamma: list(a.gamma),
      beta: list(a.beta),
      runningMean: list(a.runningMean),
      runningVar: list(a.runningVar),
      dySource: engine.call === "backward" ? "typed" : "none",
      dy: engine.call === "backward" ? list(engine.args.gradOutput) : "",
      channel: channel < TABLE_CHANNELS ? String(channel) : "0",
    },
  };
}

/** `/calculator?…` opening the calculator with exactly this question's numbers; null if they do not fit a link. */
export function calculatorHref(instance: NumericInstance, answerPath: string): string | null {
  const { query, droppedTypedValues } = serializeCalculatorState(calculatorState(instance, answerPath));
  if (droppedTypedValues) return null;
  return query ? `/calculator?${query}` : "/calculator";
}
