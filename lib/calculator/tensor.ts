import { backward, BnError, forward, normalValues, type BnArgs, type ForwardResult } from "@/lib/bn";
import { summarize, type TensorSummary } from "./summary";
import type { TensorForm } from "./url-state";
import { parseOptionalValues, parseSeed, parseShape, parseValues, type ParsedValues } from "./values";

/** Largest tensor the calculator computes (in a Web Worker). */
export const MAX_ELEMENTS = 10_000_000;
/** Tensors up to this size are printed whole; larger ones are summarised. */
export const PRINT_LIMIT = 64;
/** Rows of the per-channel table. */
export const TABLE_CHANNELS = 64;
/** Values of the worked channel shown in the formulas. */
export const WORKING_VALUES = 8;

export type TensorField =
  | "shape"
  | "values"
  | "seed"
  | "eps"
  | "momentum"
  | "numBatchesTracked"
  | "gamma"
  | "beta"
  | "runningMean"
  | "runningVar"
  | "dy"
  | "dySeed"
  | "channel";

export interface FieldError {
  field: string;
  code: string;
  /** The engine's English message; the page shows a translated template when it has one for the code. */
  message: string;
  params: Record<string, string | number>;
}

export type TensorDisplay = { kind: "full"; values: Float64Array } | { kind: "summary"; summary: TensorSummary };

export interface TensorView {
  framework: ForwardResult["framework"];
  mode: ForwardResult["mode"];
  shape: number[];
  size: number;
  channels: number;
  valuesPerChannel: number;
  eps: number;
  momentum: number | null;
  usedBatchStats: boolean;
  /** Per-channel statistics, cut to the first TABLE_CHANNELS channels. */
  stats: Pick<ForwardResult, "batchMean" | "batchVar" | "batchUnbiasedVar" | "normMean" | "normVar" | "invStd" | "gamma" | "beta">;
  running: ForwardResult["running"];
  channel: number;
  /** The first WORKING_VALUES values of the worked channel, and what they become. */
  channelInput: number[];
  channelXHat: number[];
  channelOutput: number[];
  channelDy: number[] | null;
  channelDx: number[] | null;
  input: TensorDisplay;
  xHat: TensorDisplay;
  output: TensorDisplay;
  dy: TensorDisplay | null;
  dx: TensorDisplay | null;
  gradients: { dgamma: number[] | null; dbeta: number[] | null; sumDy: number[]; sumDyXHat: number[] } | null;
}

export type TensorOutcome = { ok: true; view: TensorView } | { ok: false; errors: FieldError[] };

class FieldErrors {
  readonly list: FieldError[] = [];
  add(field: TensorField, code: string, message: string, params: Record<string, string | number> = {}) {
    if (!this.list.some((error) => error.field === field)) this.list.push({ field, code, message, params });
  }
}

function readValuesField(parsed: ParsedValues, field: TensorField, errors: FieldErrors): Float64Array | null {
  if (parsed.ok) return parsed.values;
  if (parsed.error.code === "empty") errors.add(field, "empty", `${field} is empty`);
  else errors.add(field, "not_a_number", `"${parsed.error.token}" is not a number`, { token: parsed.error.token, index: parsed.error.index });
  return null;
}

function readNumber(text: string, field: TensorField, errors: FieldErrors): number | null {
  const value = text.trim() === "" ? NaN : Number(text.trim());
  if (!Number.isFinite(value)) {
    errors.add(field, "not_a_number", `"${text.trim()}" is not a number`, { token: text.trim() });
    return null;
  }
  return value;
}

const ENGINE_FIELDS: Record<string, TensorField> = {
  shape: "shape",
  input: "shape",
  eps: "eps",
  momentum: "momentum",
  numBatchesTracked: "numBatchesTracked",
  gamma: "gamma",
  beta: "beta",
  runningMean: "runningMean",
  runningVar: "runningVar",
  gradOutput: "dy",
};

/** Places a BnError next to the field its path names. */
function engineError(error: BnError, errors: FieldErrors, counts: { size: number; shape: number[]; values: number }) {
  const field = ENGINE_FIELDS[String(error.path[0])] ?? "shape";
  const params: Record<string, string | number> = { shape: counts.shape.join(", "), needed: counts.size, count: counts.values };
  if (error.code === "bad_length") params.needed = counts.shape[1] ?? 0;
  errors.add(field, error.code, error.message, params);
}

function channelSlice(values: Float64Array, shape: number[], channel: number, limit: number): number[] {
  const channels = shape[1]!;
  const spatial = shape.slice(2).reduce((product, dim) => product * dim, 1);
  const slice: number[] = [];
  for (let n = 0; n < shape[0]! && slice.length < limit; n++) {
    const start = (n * channels + channel) * spatial;
    for (let s = 0; s < spatial && slice.length < limit; s++) slice.push(values[start + s]!);
  }
  return slice;
}

/** A tensor printed whole up to PRINT_LIMIT values, summarised beyond. */
export function tensorDisplay(values: Float64Array): TensorDisplay {
  return values.length <= PRINT_LIMIT ? { kind: "full", values } : { kind: "summary", summary: summarize(values) };
}

/** The Float64Arrays a view holds, to be transferred rather than copied out of a worker. */
export function transferables(view: TensorView): ArrayBuffer[] {
  return [view.input, view.xHat, view.output, view.dy, view.dx]
    .filter((shown): shown is Extract<TensorDisplay, { kind: "full" }> => shown?.kind === "full")
    .map((shown) => shown.values.buffer as ArrayBuffer)
    .filter((buffer, index, all) => all.indexOf(buffer) === index);
}

/** Parses the form, runs forward (and backward when dy is given) and keeps what the page shows. */
export function computeTensor(form: TensorForm): TensorOutcome {
  const errors = new FieldErrors();
  const shapeParsed = parseShape(form.shape);
  let shape: number[] | null = null;
  let size = 0;
  if (!shapeParsed.ok) {
    if (shapeParsed.error.code === "empty") errors.add("shape", "empty", "shape is empty");
    else errors.add("shape", "bad_dim", `"${shapeParsed.error.token}" is not a positive whole number`, { token: shapeParsed.error.token });
  } else if (shapeParsed.shape.length < 2 || shapeParsed.shape.length > 5) {
    errors.add("shape", "bad_rank", "BatchNorm takes (N, C) to (N, C, D, H, W)", { rank: shapeParsed.shape.length });
  } else if (shapeParsed.size > MAX_ELEMENTS) {
    errors.add("shape", "too_large", `at most ${MAX_ELEMENTS} values`, { max: MAX_ELEMENTS, needed: shapeParsed.size });
  } else {
    shape = shapeParsed.shape;
    size = shapeParsed.size;
  }

  let input: Float64Array | null = null;
  if (form.source === "seed") {
    const seed = parseSeed(form.seed);
    if (seed === null) errors.add("seed", "bad_seed", "seed must be a whole number from 0 to 4294967295");
    else if (shape) input = normalValues(seed, size);
  } else {
    input = readValuesField(parseValues(form.values), "values", errors);
  }
  if (shape && input && input.length !== size) {
    errors.add("shape", "shape_mismatch", `input has ${input.length} values but shape [${shape.join(", ")}] needs ${size}`, {
      shape: shape.join(", "),
      needed: size,
      count: input.length,
    });
  }

  const eps = readNumber(form.eps, "eps", errors);
  if (eps !== null && eps <= 0) errors.add("eps", "bad_eps", "eps must be > 0");
  const momentumText = form.momentum.trim().toLowerCase();
  const momentum = form.framework === "pytorch" && momentumText === "none" ? null : readNumber(form.momentum, "momentum", errors);
  const numBatchesTracked = form.framework === "pytorch" && form.trackRunningStats ? readNumber(form.numBatchesTracked, "numBatchesTracked", errors) : null;
  // Vectors the layer has no use for (γ without affine, …) are hidden in the form, so they are ignored here.
  const pytorch = form.framework === "pytorch";
  const tracks = !pytorch || form.trackRunningStats;
  const vectors = {
    gamma: (pytorch ? form.affine : form.scale) ? parseOptionalValues(form.gamma) : null,
    beta: (pytorch ? form.affine : form.center) ? parseOptionalValues(form.beta) : null,
    runningMean: tracks ? parseOptionalValues(form.runningMean) : null,
    runningVar: tracks ? parseOptionalValues(form.runningVar) : null,
  };
  const vector = (field: keyof typeof vectors) => (vectors[field] ? readValuesField(vectors[field], field, errors) : null);
  const gamma = vector("gamma");
  const beta = vector("beta");
  const runningMean = vector("runningMean");
  const runningVar = vector("runningVar");

  let dy: Float64Array | null = null;
  if (form.dySource === "typed") dy = readValuesField(parseValues(form.dy), "dy", errors);
  else if (form.dySource === "seed") {
    const seed = parseSeed(form.dySeed);
    if (seed === null) errors.add("dySeed", "bad_seed", "seed must be a whole number from 0 to 4294967295");
    else if (shape) dy = normalValues(seed, size);
  }
  if (shape && dy && dy.length !== size) {
    errors.add("dy", "shape_mismatch", `dy has ${dy.length} values but shape [${shape.join(", ")}] needs ${size}`, {
      shape: shape.join(", "),
      needed: size,
      count: dy.length,
    });
  }

  const channelIndex = Number(form.channel.trim() || "0");
  if (shape && (!Number.isInteger(channelIndex) || channelIndex < 0 || channelIndex >= Math.min(shape[1]!, TABLE_CHANNELS))) {
    errors.add("channel", "bad_channel", "no such channel", { max: Math.min(shape[1]!, TABLE_CHANNELS) - 1 });
  }
  if (errors.list.length > 0 || !shape || !input) return { ok: false, errors: errors.list };

  const common = { mode: form.mode, input, shape, eps: eps!, gamma, beta, runningMean, runningVar };
  const args: BnArgs =
    form.framework === "pytorch"
      ? {
          ...common,
          framework: "pytorch",
          momentum,
          affine: form.affine,
          trackRunningStats: form.trackRunningStats,
          ...(numBatchesTracked !== null ? { numBatchesTracked } : {}),
        }
      : { ...common, framework: "keras", momentum: momentum ?? undefined, center: form.center, scale: form.scale };

  try {
    const result = forward(args);
    const gradients = dy ? backward({ ...args, gradOutput: dy }) : null;
    const channel = channelIndex;
    const cut = <T extends number[] | null>(values: T): T => (values ? values.slice(0, TABLE_CHANNELS) : values) as T;
    const running = result.running && {
      ...result.running,
      meanBefore: cut(result.running.meanBefore),
      varBefore: cut(result.running.varBefore),
      meanAfter: cut(result.running.meanAfter),
      varAfter: cut(result.running.varAfter),
    };
    const xHat = result.xHat!;
    return {
      ok: true,
      view: {
        framework: result.framework,
        mode: result.mode,
        shape,
        size,
        channels: result.channels,
        valuesPerChannel: result.valuesPerChannel,
        eps: result.eps,
        momentum: result.momentum,
        usedBatchStats: result.usedBatchStats,
        stats: {
          batchMean: cut(result.batchMean),
          batchVar: cut(result.batchVar),
          batchUnbiasedVar: cut(result.batchUnbiasedVar),
          normMean: cut(result.normMean),
          normVar: cut(result.normVar),
          invStd: cut(result.invStd),
          gamma: cut(result.gamma),
          beta: cut(result.beta),
        },
        running,
        channel,
        channelInput: channelSlice(input, shape, channel, WORKING_VALUES),
        channelXHat: channelSlice(xHat, shape, channel, WORKING_VALUES),
        channelOutput: channelSlice(result.output, shape, channel, WORKING_VALUES),
        channelDy: dy && channelSlice(dy, shape, channel, WORKING_VALUES),
        channelDx: gradients && channelSlice(gradients.dx, shape, channel, WORKING_VALUES),
        input: tensorDisplay(input),
        xHat: tensorDisplay(xHat),
        output: tensorDisplay(result.output),
        dy: dy && tensorDisplay(dy),
        dx: gradients && tensorDisplay(gradients.dx),
        gradients: gradients && {
          dgamma: cut(gradients.dgamma),
          dbeta: cut(gradients.dbeta),
          sumDy: cut(gradients.sumDy),
          sumDyXHat: cut(gradients.sumDyXHat),
        },
      },
    };
  } catch (error) {
    if (!(error instanceof BnError)) throw error;
    engineError(error, errors, { size, shape, values: input.length });
    return { ok: false, errors: errors.list };
  }
}
