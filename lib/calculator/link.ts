import { layerFlagDefaults, type NormLayerSpec } from "@/lib/bn";
import type { EngineCall } from "./engine-call";
import { TABLE_CHANNELS } from "./tensor";
import { DEFAULT_FOLD, DEFAULT_STATE, DEFAULT_TENSOR, defaultEps, defaultMomentum, KERAS_LAYERS, serializeCalculatorState, type CalculatorState } from "./url-state";

/*
 * Links into the calculator: the state that reproduces an engine call, so a numeric question's feedback can
 * open the calculator with exactly its numbers.
 */

// String(x) is the shortest text that reads back as exactly x, so the calculator recomputes the same double.
const list = (values: ArrayLike<number> | null | undefined) => (values == null ? "" : Array.from(values, String).join(","));
/** A default written the way the calculator writes it, so the link leaves it out. */
const numberText = (value: number, fallback: string) => (value === Number(fallback) ? fallback : String(value));

/** The channel the answer belongs to, so the calculator shows that channel's working. */
function answerChannel(result: Record<string, unknown>, answerPath: string, shape: number[]): number {
  const match = /^([A-Za-z_]\w*)\[(\d+)\]/.exec(answerPath);
  if (!match) return 0;
  const [, field, indexText] = match;
  const index = Number(indexText);
  const array = result[field!];
  const length = array && typeof array === "object" && "length" in array ? (array as ArrayLike<unknown>).length : 0;
  const channels = shape[1]!;
  const spatial = shape.slice(2).reduce((product, dim) => product * dim, 1);
  if (length === channels) return index;
  if (length === shape[0]! * channels * spatial) return Math.floor(index / spatial) % channels;
  return 0;
}

/** The calculator state that reproduces this engine call; `answerPath` picks the channel whose working is shown. */
export function calculatorState(engine: EngineCall, result: Record<string, unknown>, answerPath: string): CalculatorState {
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
  const channel = answerChannel(result, answerPath, a.shape);
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

/** `/calculator?…` opening the calculator with exactly this call's numbers; null if they do not fit a link. */
export function calculatorHref(engine: EngineCall, result: Record<string, unknown>, answerPath: string): string | null {
  const { query, droppedTypedValues } = serializeCalculatorState(calculatorState(engine, result, answerPath));
  if (droppedTypedValues) return null;
  return query ? `/calculator?${query}` : "/calculator";
}
