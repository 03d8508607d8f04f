import { z } from "zod";
import { KERAS_LAYERS, layerFlagDefaults, PYTORCH_LAYERS, type NormLayerName } from "@/lib/bn";
import {
  CALCS,
  DEFAULT_FOLD,
  DEFAULT_PARAMS,
  DEFAULT_RMS,
  DEFAULT_TENSOR,
  defaultEps,
  defaultMomentum,
  type CalculatorState,
  type FoldForm,
  type ParamsForm,
  type RmsForm,
  type TensorForm,
} from "./url-state";

// Reads the query string that ./url-state writes (its parameters are listed there).

type Query = Record<string, string | undefined>;

const text = z.string().max(200_000);
const flag = z.enum(["0", "1"]).transform((value) => value === "1");
const layerName = z.enum([...PYTORCH_LAYERS, ...KERAS_LAYERS]);

const querySchema = z.object({
  calc: z.enum(CALCS).optional().catch(undefined),
  fw: z.enum(["pytorch", "keras"]).optional().catch(undefined),
  mode: z.enum(["train", "eval"]).optional().catch(undefined),
  shape: text.optional().catch(undefined),
  x: text.optional().catch(undefined),
  seed: text.optional().catch(undefined),
  eps: text.optional().catch(undefined),
  m: text.optional().catch(undefined),
  nbt: text.optional().catch(undefined),
  affine: flag.optional().catch(undefined),
  track: flag.optional().catch(undefined),
  center: flag.optional().catch(undefined),
  scale: flag.optional().catch(undefined),
  gamma: text.optional().catch(undefined),
  beta: text.optional().catch(undefined),
  rmean: text.optional().catch(undefined),
  rvar: text.optional().catch(undefined),
  dy: text.optional().catch(undefined),
  dyseed: text.optional().catch(undefined),
  ch: text.optional().catch(undefined),
  layer: layerName.optional().catch(undefined),
  c: text.optional().catch(undefined),
  g: text.optional().catch(undefined),
  ns: text.optional().catch(undefined),
  size: text.optional().catch(undefined),
  cin: text.optional().catch(undefined),
  k: text.optional().catch(undefined),
  hasbias: flag.optional().catch(undefined),
  kind: z.enum(["conv", "linear"]).optional().catch(undefined),
  wshape: text.optional().catch(undefined),
  w: text.optional().catch(undefined),
  wseed: text.optional().catch(undefined),
  bias: text.optional().catch(undefined),
});

/** Next's searchParams (or URLSearchParams) → a flat record of first values. */
export function queryRecord(params: URLSearchParams | Record<string, string | string[] | undefined>): Query {
  if (params instanceof URLSearchParams) return Object.fromEntries(params.entries());
  const record: Query = {};
  for (const [key, value] of Object.entries(params)) record[key] = Array.isArray(value) ? value[0] : value;
  return record;
}

function isKerasLayer(layer: NormLayerName): boolean {
  return (KERAS_LAYERS as readonly string[]).includes(layer);
}

/** Reads the calculator state from a query string; anything missing or malformed falls back to its default. */
export function parseCalculatorState(search: URLSearchParams | Record<string, string | string[] | undefined>): CalculatorState {
  const query = querySchema.parse(queryRecord(search));
  // An RMSNorm link's shape, values, ε and γ are its own: the other forms keep their defaults, and the RMSNorm form
  // takes nothing from another calculator's link.
  const rmsLink = query.calc === "rms";
  const q: typeof query = rmsLink ? {} : query;
  const framework = q.fw ?? "pytorch";

  const tensor: TensorForm = {
    ...DEFAULT_TENSOR,
    framework,
    mode: q.mode ?? DEFAULT_TENSOR.mode,
    shape: q.shape ?? DEFAULT_TENSOR.shape,
    source: q.seed !== undefined ? "seed" : "typed",
    values: q.x ?? (q.seed !== undefined || q.shape !== undefined ? "" : DEFAULT_TENSOR.values),
    seed: q.seed ?? DEFAULT_TENSOR.seed,
    eps: q.eps ?? defaultEps(framework),
    momentum: q.m ?? defaultMomentum(framework),
    numBatchesTracked: q.nbt ?? DEFAULT_TENSOR.numBatchesTracked,
    affine: q.affine ?? true,
    trackRunningStats: q.track ?? true,
    center: q.center ?? true,
    scale: q.scale ?? true,
    gamma: q.gamma ?? "",
    beta: q.beta ?? "",
    runningMean: q.rmean ?? "",
    runningVar: q.rvar ?? "",
    dySource: q.dyseed !== undefined ? "seed" : q.dy !== undefined ? "typed" : "none",
    dy: q.dy ?? "",
    dySeed: q.dyseed ?? DEFAULT_TENSOR.dySeed,
    channel: q.ch ?? "0",
  };

  const layer = q.layer && isKerasLayer(q.layer) === (framework === "keras") ? q.layer : framework === "keras" ? "BatchNormalization" : DEFAULT_PARAMS.layer;
  const flagDefaults = layerFlagDefaults(layer);
  const params: ParamsForm = {
    framework,
    layer,
    features: q.c ?? DEFAULT_PARAMS.features,
    groups: q.g ?? DEFAULT_PARAMS.groups,
    normalizedShape: q.ns ?? DEFAULT_PARAMS.normalizedShape,
    size: q.size ?? DEFAULT_PARAMS.size,
    inFeatures: q.cin ?? DEFAULT_PARAMS.inFeatures,
    kernelSize: q.k ?? DEFAULT_PARAMS.kernelSize,
    bias: q.hasbias ?? DEFAULT_PARAMS.bias,
    affine: q.affine ?? flagDefaults.affine,
    trackRunningStats: q.track ?? flagDefaults.trackRunningStats,
    center: q.center ?? flagDefaults.center,
    scale: q.scale ?? flagDefaults.scale,
  };

  const fold: FoldForm = {
    kind: q.kind ?? DEFAULT_FOLD.kind,
    weightShape: q.wshape ?? DEFAULT_FOLD.weightShape,
    source: q.wseed !== undefined ? "seed" : "typed",
    weight: q.w ?? (q.wseed !== undefined || q.wshape !== undefined ? "" : DEFAULT_FOLD.weight),
    seed: q.wseed ?? DEFAULT_FOLD.seed,
    // A fold link that sets its own weights but no bias means bias=False.
    bias: q.bias ?? (q.wshape !== undefined ? "" : DEFAULT_FOLD.bias),
    eps: q.eps ?? DEFAULT_FOLD.eps,
    gamma: q.gamma ?? (q.wshape !== undefined ? "" : DEFAULT_FOLD.gamma),
    beta: q.beta ?? (q.wshape !== undefined ? "" : DEFAULT_FOLD.beta),
    runningMean: q.rmean ?? (q.wshape !== undefined ? "" : DEFAULT_FOLD.runningMean),
    runningVar: q.rvar ?? (q.wshape !== undefined ? "" : DEFAULT_FOLD.runningVar),
  };

  const r: typeof query = rmsLink ? query : {};
  const rms: RmsForm = {
    framework: r.fw ?? DEFAULT_RMS.framework,
    shape: r.shape ?? DEFAULT_RMS.shape,
    source: r.seed !== undefined ? "seed" : "typed",
    values: r.x ?? (r.seed !== undefined || r.shape !== undefined ? "" : DEFAULT_RMS.values),
    seed: r.seed ?? DEFAULT_RMS.seed,
    normalizedShape: r.ns ?? DEFAULT_RMS.normalizedShape,
    eps: r.eps ?? DEFAULT_RMS.eps,
    elementwiseAffine: r.affine ?? DEFAULT_RMS.elementwiseAffine,
    weight: r.gamma ?? DEFAULT_RMS.weight,
  };

  return { calc: query.calc ?? "tensor", tensor, params, fold, rms };
}
