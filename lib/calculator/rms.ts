import { BnError, normalValues, rmsNorm, type RmsNormResult } from "@/lib/bn";
import { WORKING_VALUES, type FieldError } from "./tensor";
import type { RmsForm } from "./url-state";
import { parseOptionalValues, parseSeed, parseShape, parseValues } from "./values";

/** RMSNorm runs on the main thread (two passes over the values), so its input is capped like the fold's weights. */
export const MAX_RMS_VALUES = 1_000_000;
/** Rows of the per-row table. */
export const RMS_TABLE_ROWS = 256;

export interface RmsView {
  result: RmsNormResult;
  input: Float64Array;
  /** The first WORKING_VALUES values of row 0, whose working is shown. */
  rowInput: number[];
  /** γ as applied: the typed values or ones; null without PyTorch's elementwise_affine. */
  weight: Float64Array | null;
  /** ε was left empty (or PyTorch's None): the framework's default. */
  defaultEps: boolean;
}

export type RmsOutcome = { ok: true; view: RmsView } | { ok: false; errors: FieldError[] };

const ENGINE_FIELDS: Record<string, string> = { shape: "shape", input: "shape", normalizedShape: "normalizedShape", eps: "eps", weight: "weight" };

/** Parses the form and runs lib/bn's rmsNorm, the engine behind POST /api/bn/rms-norm, on it. */
export function computeRms(form: RmsForm): RmsOutcome {
  const errors: FieldError[] = [];
  const add = (field: string, code: string, message: string, params: Record<string, string | number> = {}) => {
    if (!errors.some((error) => error.field === field)) errors.push({ field, code, message, params });
  };
  const pytorch = form.framework === "pytorch";

  const shapeParsed = parseShape(form.shape);
  let shape: number[] | null = null;
  let size = 0;
  if (!shapeParsed.ok) add("shape", shapeParsed.error.code, "bad shape", "token" in shapeParsed.error ? { token: shapeParsed.error.token } : {});
  else if (shapeParsed.size > MAX_RMS_VALUES) add("shape", "too_large", "too many values", { max: MAX_RMS_VALUES, needed: shapeParsed.size });
  else ({ shape, size } = shapeParsed);

  // Keras RMSNormalization normalizes over axis=-1: its "normalized shape" is the last dimension.
  let normalized: number[] | null = null;
  if (!pytorch) normalized = shape && [shape.at(-1)!];
  else {
    const parsed = parseShape(form.normalizedShape);
    if (parsed.ok) normalized = parsed.shape;
    else add("normalizedShape", parsed.error.code, "bad normalized_shape", "token" in parsed.error ? { token: parsed.error.token } : {});
  }
  if (shape && normalized) {
    const trailing = shape.slice(shape.length - normalized.length);
    if (shape.length < normalized.length || trailing.some((dim, i) => dim !== normalized[i])) {
      add("normalizedShape", "not_trailing", "the shape does not end in normalized_shape", { shape: shape.join(", "), normalized: normalized.join(", ") });
    }
  }
  const valuesPerRow = normalized ? normalized.reduce((product, dim) => product * dim, 1) : null;

  let input: Float64Array | null = null;
  if (form.source === "seed") {
    const seed = parseSeed(form.seed);
    if (seed === null) add("seed", "bad_seed", "bad seed");
    else if (shape) input = normalValues(seed, size);
  } else {
    const parsed = parseValues(form.values);
    if (parsed.ok) input = parsed.values;
    else add("values", parsed.error.code, "not a number", "token" in parsed.error ? { token: parsed.error.token } : {});
  }
  if (shape && input && input.length !== size) {
    add("shape", "shape_mismatch", "value count does not match the shape", { shape: shape.join(", "), needed: size, count: input.length });
  }

  const epsText = form.eps.trim();
  const defaultEps = epsText === "" || (pytorch && epsText.toLowerCase() === "none");
  const eps = defaultEps ? null : Number(epsText);
  if (eps !== null && !Number.isFinite(eps)) add("eps", "not_a_number", "not a number", { token: epsText });
  else if (eps !== null && eps < 0) add("eps", "negative_eps", "eps must be ≥ 0");

  const affine = !pytorch || form.elementwiseAffine;
  let weight: Float64Array | null = null;
  const weightParsed = affine ? parseOptionalValues(form.weight) : null;
  if (weightParsed?.ok) weight = weightParsed.values;
  else if (weightParsed) add("weight", weightParsed.error.code, "not a number", "token" in weightParsed.error ? { token: weightParsed.error.token } : {});
  if (weight && valuesPerRow !== null && weight.length !== valuesPerRow) {
    add("weight", "bad_weight_length", "γ needs one value per element of normalized_shape", { needed: valuesPerRow, count: weight.length });
  }
  if (errors.length > 0 || !shape || !normalized || !input || valuesPerRow === null) return { ok: false, errors };

  try {
    const result = rmsNorm({ framework: form.framework, input, shape, normalizedShape: normalized, eps, weight: affine ? (weight ?? undefined) : null });
    return {
      ok: true,
      view: { result, input, rowInput: Array.from(input.subarray(0, Math.min(valuesPerRow, WORKING_VALUES))), weight: affine ? (weight ?? new Float64Array(valuesPerRow).fill(1)) : null, defaultEps },
    };
  } catch (error) {
    if (!(error instanceof BnError)) throw error;
    add(ENGINE_FIELDS[String(error.path[0])] ?? "shape", error.code, error.message);
    return { ok: false, errors };
  }
}
