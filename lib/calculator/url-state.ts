// lib/bn's defaults and layer lists, not its index: this file runs in the browser, where the engine itself
// (forward, backward, fold) belongs in the Web Worker and in the modes that use it.
import { KERAS_LAYERS, PYTORCH_LAYERS, type NormLayerName } from "@/lib/bn/count-params";
import { frameworkDefaults, layerFlagDefaults } from "@/lib/bn/defaults";
import type { Framework, Mode } from "@/lib/bn/types";
import { formatNumber } from "./format";

/*
 * The calculator's whole state lives in the query string, so a link (from a flashcard, a quiz or a chat)
 * reproduces the calculation. Only parameters that differ from their defaults are written.
 *
 *   calc     tensor | params | fold | rms                which calculator (default tensor)
 *   fw       pytorch | keras                             framework (tensor, params and rms)
 *   mode     train | eval                                tensor: training or inference forward pass
 *   shape    "4,1", "32,64,56,56"                        tensor: (N, C, …) shape; rms: any shape ending in ns
 *   x        "1,2,3,4"                                   tensor, rms: typed values, row-major
 *   seed     integer 0…2³²−1                             tensor, rms: N(0, 1) values from mulberry32(seed); wins over x
 *   eps      "1e-5"                                      ε (default: the framework's; fold 1e-5; rms: PyTorch None, Keras 1e-6)
 *   m        "0.1" | "none"                              momentum ("none": PyTorch cumulative average)
 *   nbt      integer                                     PyTorch num_batches_tracked before this batch
 *   affine, track, center, scale   "0" | "1"             layer flags (default: the layer's own; rms: elementwise_affine)
 *   gamma, beta, rmean, rvar       "1,2"                 per-channel γ, β, running mean/var (default 1, 0, 0, 1);
 *                                                        rms: γ, one per element of ns (default 1)
 *   dy       "1,0,0,0"  |  dyseed  integer               tensor: ∂loss/∂y for the backward pass (typed or seeded)
 *   ch       integer                                     tensor: the channel whose working is shown (default 0)
 *   layer    BatchNorm2d, LayerNorm, BatchNormalization… params: the layer
 *   c        integer                                     params: num_features / num_channels / features
 *   g        integer                                     params: GroupNorm num_groups, GroupNormalization groups
 *   ns       "64" | "10,10"                              params: LayerNorm / RMSNorm normalized_shape; rms (PyTorch):
 *                                                        the trailing dims normalized (Keras: the last axis)
 *   cin      integer                                     params: Conv2d in_channels, Linear in_features (c: the out side)
 *   k        "3" | "3,5"                                 params: Conv2d kernel_size
 *   hasbias  "0" | "1"                                   params: Conv2d / Linear bias (default 1)
 *   size     integer                                     params: LocalResponseNorm size
 *   kind     conv | linear                               fold: the preceding layer
 *   wshape   "2,1,2,2"                                   fold: weight shape (C_out, C_in, k…) or (out, in)
 *   w        "1,2,…"  |  wseed integer                   fold: weight values (typed or seeded)
 *   bias     "0.5,-1"                                    fold: the preceding layer's bias (absent: bias=False)
 *
 * An RMSNorm link (calc=rms) shares these names with the tensor calculator, not their values: the other forms
 * do not read an RMSNorm link, nor the RMSNorm form any other link.
 *
 * Seeded values are stored as their seed, never as numbers; typed values are left out when they would
 * make the link longer than MAX_URL_CHARS (the page then says the link will not reproduce them).
 *
 * This file (forms, defaults, writing the query) runs in the browser; ./url-parse reads a query back, with zod,
 * on the server, so the calculator's script does not carry zod.
 */

export const MAX_URL_CHARS = 8000;

export const CALCS = ["tensor", "params", "fold", "rms"] as const;
export type Calc = (typeof CALCS)[number];

export { KERAS_LAYERS, layerFlagDefaults, PYTORCH_LAYERS };

export type ValueSource = "typed" | "seed";

export interface TensorForm {
  framework: Framework;
  mode: Mode;
  shape: string;
  source: ValueSource;
  values: string;
  seed: string;
  eps: string;
  momentum: string;
  numBatchesTracked: string;
  affine: boolean;
  trackRunningStats: boolean;
  center: boolean;
  scale: boolean;
  gamma: string;
  beta: string;
  runningMean: string;
  runningVar: string;
  dySource: "none" | ValueSource;
  dy: string;
  dySeed: string;
  channel: string;
}

export interface ParamsForm {
  framework: Framework;
  layer: NormLayerName;
  features: string;
  groups: string;
  normalizedShape: string;
  size: string;
  /** Conv2d in_channels, Linear in_features (`features` is then the out side). */
  inFeatures: string;
  kernelSize: string;
  /** Conv2d / Linear bias=True. */
  bias: boolean;
  affine: boolean;
  trackRunningStats: boolean;
  center: boolean;
  scale: boolean;
}

export interface FoldForm {
  kind: "conv" | "linear";
  weightShape: string;
  source: ValueSource;
  weight: string;
  seed: string;
  bias: string;
  eps: string;
  gamma: string;
  beta: string;
  runningMean: string;
  runningVar: string;
}

export interface RmsForm {
  framework: Framework;
  shape: string;
  source: ValueSource;
  values: string;
  seed: string;
  /** PyTorch normalized_shape; Keras RMSNormalization normalizes over its last axis and ignores this. */
  normalizedShape: string;
  /** Empty: the framework's default (PyTorch eps=None, Keras 1e-6). */
  eps: string;
  /** PyTorch elementwise_affine; Keras always has its scale. */
  elementwiseAffine: boolean;
  /** γ (PyTorch weight, Keras scale); empty: ones. */
  weight: string;
}

export interface CalculatorState {
  calc: Calc;
  tensor: TensorForm;
  params: ParamsForm;
  fold: FoldForm;
  rms: RmsForm;
}

export function defaultEps(framework: Framework): string {
  return formatNumber(frameworkDefaults(framework).eps);
}

export function defaultMomentum(framework: Framework): string {
  return String(frameworkDefaults(framework).momentum);
}

export const DEFAULT_TENSOR: TensorForm = {
  framework: "pytorch",
  mode: "train",
  shape: "4,1",
  source: "typed",
  values: "1, 2, 3, 4",
  seed: "1",
  eps: defaultEps("pytorch"),
  momentum: defaultMomentum("pytorch"),
  numBatchesTracked: "0",
  affine: true,
  trackRunningStats: true,
  center: true,
  scale: true,
  gamma: "",
  beta: "",
  runningMean: "",
  runningVar: "",
  dySource: "none",
  dy: "",
  dySeed: "2",
  channel: "0",
};

export const DEFAULT_PARAMS: ParamsForm = {
  framework: "pytorch",
  layer: "BatchNorm2d",
  features: "64",
  groups: "32",
  normalizedShape: "64",
  size: "5",
  inFeatures: "3",
  kernelSize: "3",
  bias: true,
  ...layerFlagDefaults("BatchNorm2d"),
};

export const DEFAULT_FOLD: FoldForm = {
  kind: "conv",
  weightShape: "2,1,2,2",
  source: "typed",
  weight: "1, 2, 3, 4, -1, 0.5, 2, -2",
  seed: "1",
  bias: "0.5, -1",
  eps: "1e-5",
  gamma: "2, 0.5",
  beta: "0.1, -0.2",
  runningMean: "1, -0.5",
  runningVar: "0.25, 4",
};

export const DEFAULT_RMS: RmsForm = {
  framework: "pytorch",
  shape: "2,4",
  source: "typed",
  values: "1, 2, 3, 4, -2, 0, 0, 2",
  seed: "1",
  normalizedShape: "4",
  eps: "",
  elementwiseAffine: true,
  weight: "",
};

export const DEFAULT_STATE: CalculatorState = { calc: "tensor", tensor: DEFAULT_TENSOR, params: DEFAULT_PARAMS, fold: DEFAULT_FOLD, rms: DEFAULT_RMS };

export interface SerializedState {
  query: string;
  /** Typed values were too long for a link and were left out. */
  droppedTypedValues: boolean;
}

function flagParam(entries: [string, string][], key: string, value: boolean, fallback: boolean) {
  if (value !== fallback) entries.push([key, value ? "1" : "0"]);
}

function textParam(entries: [string, string][], key: string, value: string, fallback = "") {
  if (value.trim() !== fallback.trim()) entries.push([key, value.trim()]);
}

/** The query string for the active calculator (without "?"), shortest form. */
export function serializeCalculatorState(state: CalculatorState): SerializedState {
  const entries: [string, string][] = [];
  const typed: [string, string][] = [];
  if (state.calc !== "tensor") entries.push(["calc", state.calc]);

  if (state.calc === "tensor") {
    const t = state.tensor;
    if (t.framework !== "pytorch") entries.push(["fw", t.framework]);
    if (t.mode !== "train") entries.push(["mode", t.mode]);
    textParam(entries, "shape", t.shape, DEFAULT_TENSOR.shape);
    if (t.source === "seed") entries.push(["seed", t.seed.trim()]);
    else if (!(t.shape.trim() === DEFAULT_TENSOR.shape && t.values.trim() === DEFAULT_TENSOR.values)) typed.push(["x", t.values.trim()]);
    textParam(entries, "eps", t.eps, defaultEps(t.framework));
    textParam(entries, "m", t.momentum, defaultMomentum(t.framework));
    if (t.framework === "pytorch") {
      textParam(entries, "nbt", t.numBatchesTracked, "0");
      flagParam(entries, "affine", t.affine, true);
      flagParam(entries, "track", t.trackRunningStats, true);
    } else {
      flagParam(entries, "center", t.center, true);
      flagParam(entries, "scale", t.scale, true);
    }
    textParam(typed, "gamma", t.gamma);
    textParam(typed, "beta", t.beta);
    textParam(typed, "rmean", t.runningMean);
    textParam(typed, "rvar", t.runningVar);
    if (t.dySource === "seed") entries.push(["dyseed", t.dySeed.trim()]);
    else if (t.dySource === "typed") typed.push(["dy", t.dy.trim()]);
    textParam(entries, "ch", t.channel, "0");
  } else if (state.calc === "params") {
    const p = state.params;
    if (p.framework !== "pytorch") entries.push(["fw", p.framework]);
    const defaultLayer = p.framework === "keras" ? "BatchNormalization" : DEFAULT_PARAMS.layer;
    if (p.layer !== defaultLayer) entries.push(["layer", p.layer]);
    const flagDefaults = layerFlagDefaults(p.layer);
    if (p.layer === "LayerNorm" || p.layer === "RMSNorm") textParam(entries, "ns", p.normalizedShape, DEFAULT_PARAMS.normalizedShape);
    else if (p.layer === "LocalResponseNorm") textParam(entries, "size", p.size, DEFAULT_PARAMS.size);
    else textParam(entries, "c", p.features, DEFAULT_PARAMS.features);
    if (p.layer === "GroupNorm" || p.layer === "GroupNormalization") textParam(entries, "g", p.groups, DEFAULT_PARAMS.groups);
    const weighted = p.layer === "Conv2d" || p.layer === "Linear";
    if (weighted) {
      textParam(entries, "cin", p.inFeatures, DEFAULT_PARAMS.inFeatures);
      if (p.layer === "Conv2d") textParam(entries, "k", p.kernelSize, DEFAULT_PARAMS.kernelSize);
      flagParam(entries, "hasbias", p.bias, true);
    } else if (p.layer === "RMSNormalization") {
      // Keras RMSNormalization has neither center nor scale flags: its scale always exists.
    } else if (p.framework === "pytorch") {
      flagParam(entries, "affine", p.affine, flagDefaults.affine);
      if (p.layer.includes("BatchNorm") || p.layer.startsWith("InstanceNorm")) {
        flagParam(entries, "track", p.trackRunningStats, flagDefaults.trackRunningStats);
      }
    } else {
      flagParam(entries, "center", p.center, true);
      flagParam(entries, "scale", p.scale, true);
    }
  } else if (state.calc === "rms") {
    const r = state.rms;
    const pytorch = r.framework === "pytorch";
    if (!pytorch) entries.push(["fw", r.framework]);
    textParam(entries, "shape", r.shape, DEFAULT_RMS.shape);
    if (r.source === "seed") entries.push(["seed", r.seed.trim()]);
    else if (!(r.shape.trim() === DEFAULT_RMS.shape && r.values.trim() === DEFAULT_RMS.values)) typed.push(["x", r.values.trim()]);
    if (pytorch) textParam(entries, "ns", r.normalizedShape, DEFAULT_RMS.normalizedShape);
    textParam(entries, "eps", r.eps);
    if (pytorch) flagParam(entries, "affine", r.elementwiseAffine, true);
    if (!pytorch || r.elementwiseAffine) textParam(typed, "gamma", r.weight);
  } else {
    const f = state.fold;
    const isDefault = (Object.keys(DEFAULT_FOLD) as (keyof FoldForm)[]).every((key) => String(f[key]).trim() === String(DEFAULT_FOLD[key]).trim());
    if (!isDefault) {
      if (f.kind !== "conv") entries.push(["kind", f.kind]);
      entries.push(["wshape", f.weightShape.trim()]);
      if (f.source === "seed") entries.push(["wseed", f.seed.trim()]);
      else typed.push(["w", f.weight.trim()]);
      textParam(typed, "bias", f.bias);
      textParam(entries, "eps", f.eps, DEFAULT_FOLD.eps);
      textParam(typed, "gamma", f.gamma);
      textParam(typed, "beta", f.beta);
      textParam(typed, "rmean", f.runningMean);
      textParam(typed, "rvar", f.runningVar);
    }
  }

  const withTyped = new URLSearchParams([...entries, ...typed]).toString();
  if (withTyped.length <= MAX_URL_CHARS) return { query: withTyped, droppedTypedValues: false };
  return { query: new URLSearchParams(entries).toString(), droppedTypedValues: true };
}
