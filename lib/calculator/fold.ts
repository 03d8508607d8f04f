import { BnError, foldIntoPreceding, normalValues, type FoldResult } from "@/lib/bn";
import type { FieldError } from "./tensor";
import type { FoldForm } from "./url-state";
import { parseOptionalValues, parseSeed, parseShape, parseValues } from "./values";

/** Fold runs on the main thread (it is one multiply per weight), so its weights are capped. */
export const MAX_FOLD_WEIGHTS = 1_000_000;

export interface FoldView {
  result: FoldResult;
  weight: Float64Array;
  bias: number[] | null;
  gamma: number[] | null;
  beta: number[] | null;
  runningMean: number[];
  runningVar: number[];
  eps: number;
}

export type FoldOutcome = { ok: true; view: FoldView } | { ok: false; errors: FieldError[] };

export function computeFold(form: FoldForm): FoldOutcome {
  const errors: FieldError[] = [];
  const add = (field: string, code: string, message: string, params: Record<string, string | number> = {}) => {
    if (!errors.some((error) => error.field === field)) errors.push({ field, code, message, params });
  };

  const shapeParsed = parseShape(form.weightShape);
  const rankOk = shapeParsed.ok && (form.kind === "linear" ? shapeParsed.shape.length === 2 : shapeParsed.shape.length >= 3 && shapeParsed.shape.length <= 5);
  if (!shapeParsed.ok) add("weightShape", shapeParsed.error.code === "empty" ? "empty" : "bad_dim", "bad weight shape", "token" in shapeParsed.error ? { token: shapeParsed.error.token } : {});
  else if (!rankOk) add("weightShape", form.kind === "linear" ? "bad_rank_linear" : "bad_rank_conv", "bad weight rank", { rank: shapeParsed.shape.length });
  else if (shapeParsed.size > MAX_FOLD_WEIGHTS) add("weightShape", "too_large", "too many weights", { max: MAX_FOLD_WEIGHTS, needed: shapeParsed.size });

  let weight: Float64Array | null = null;
  if (form.source === "seed") {
    const seed = parseSeed(form.seed);
    if (seed === null) add("seed", "bad_seed", "bad seed");
    else if (shapeParsed.ok && rankOk && shapeParsed.size <= MAX_FOLD_WEIGHTS) weight = normalValues(seed, shapeParsed.size);
  } else {
    const parsed = parseValues(form.weight);
    if (parsed.ok) weight = parsed.values;
    else if (parsed.error.code === "empty") add("weight", "empty", "empty");
    else add("weight", "not_a_number", "not a number", { token: parsed.error.token });
  }

  const vectors: Record<"bias" | "gamma" | "beta" | "runningMean" | "runningVar", Float64Array | null> = {
    bias: null,
    gamma: null,
    beta: null,
    runningMean: null,
    runningVar: null,
  };
  for (const field of Object.keys(vectors) as (keyof typeof vectors)[]) {
    const parsed = parseOptionalValues(form[field]);
    if (!parsed) continue;
    if (parsed.ok) vectors[field] = parsed.values;
    else if (parsed.error.code === "not_a_number") add(field, "not_a_number", "not a number", { token: parsed.error.token });
  }
  const eps = form.eps.trim() === "" ? NaN : Number(form.eps);
  if (!Number.isFinite(eps)) add("eps", "not_a_number", "not a number", { token: form.eps.trim() });
  else if (eps <= 0) add("eps", "bad_eps", "eps must be > 0");
  if (errors.length > 0 || !shapeParsed.ok || !weight) return { ok: false, errors };

  const shape = shapeParsed.shape;
  const outChannels = shape[0]!;
  if (weight.length !== shapeParsed.size) {
    add("weightShape", "shape_mismatch", "weight count does not match", { shape: shape.join(", "), needed: shapeParsed.size, count: weight.length });
    return { ok: false, errors };
  }
  const runningMean = vectors.runningMean ?? new Float64Array(outChannels);
  const runningVar = vectors.runningVar ?? new Float64Array(outChannels).fill(1);
  try {
    const result = foldIntoPreceding({
      weight,
      weightShape: shape,
      bias: vectors.bias,
      runningMean,
      runningVar,
      eps,
      gamma: vectors.gamma,
      beta: vectors.beta,
    });
    const list = (values: Float64Array | null) => (values ? Array.from(values) : null);
    return {
      ok: true,
      view: {
        result,
        weight,
        bias: list(vectors.bias),
        gamma: list(vectors.gamma),
        beta: list(vectors.beta),
        runningMean: Array.from(runningMean),
        runningVar: Array.from(runningVar),
        eps,
      },
    };
  } catch (error) {
    if (!(error instanceof BnError)) throw error;
    const field = String(error.path[0] ?? "weightShape");
    add(field === "weight" ? "weightShape" : field, error.code, error.message, { needed: outChannels, count: 0 });
    return { ok: false, errors };
  }
}
