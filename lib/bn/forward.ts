import { BnError } from "./errors";
import { batchMomentsInto, batchNormTrainInto, normalizeInto, updateRunningStatsInto } from "./kernels";
import { assertFiniteMoments, channelMoments, type ChannelMoments } from "./moments";
import { resolveLayer, toFloat32, toFloat64, type ResolvedBn, type ResolvedLayer } from "./resolve-args";
import type { Float32ForwardArgs, FloatArray, ForwardArgs, ForwardResult, RunningStats } from "./types";

export interface BatchStatistics {
  batchMean: Float64Array;
  /** Σ(x − batchMean)² per channel. */
  sumSquaredDeviations: Float64Array;
  batchVar: Float64Array;
  batchUnbiasedVar: Float64Array | null;
  normMean: Float64Array;
  normVar: Float64Array;
  invStd: Float64Array;
}

/** Batch moments, and the statistics the layer normalizes with in this mode. */
export function batchStatistics(layer: ResolvedBn): BatchStatistics {
  return statisticsFromMoments(layer, channelMoments(layer.x, layer.batch, layer.channels, layer.spatial));
}

function statisticsFromMoments(layer: ResolvedLayer, { mean, sumSquaredDeviations }: ChannelMoments): BatchStatistics {
  const n = layer.valuesPerChannel;
  const batchVar = sumSquaredDeviations.map((squares) => squares / n);
  const batchUnbiasedVar = n > 1 ? sumSquaredDeviations.map((squares) => squares / (n - 1)) : null;
  const normMean = layer.usedBatchStats ? mean : layer.runningMean!;
  const normVar = layer.usedBatchStats ? batchVar : layer.runningVar!;
  const invStd = normVar.map((variance) => 1 / Math.sqrt(variance + layer.eps));
  return { batchMean: mean, sumSquaredDeviations, batchVar, batchUnbiasedVar, normMean, normVar, invStd };
}

function updateRunningStats(layer: ResolvedLayer, stats: BatchStatistics): RunningStats | null {
  if (!layer.tracksRunningStats) return null;
  const meanBefore = Array.from(layer.runningMean!);
  const varBefore = Array.from(layer.runningVar!);
  const numBatchesTrackedBefore = layer.numBatchesTracked;
  const varianceFed = layer.framework === "pytorch" ? "unbiased" : "biased";
  if (layer.mode === "eval") {
    return {
      meanBefore,
      varBefore,
      meanAfter: meanBefore.slice(),
      varAfter: varBefore.slice(),
      numBatchesTrackedBefore,
      numBatchesTrackedAfter: numBatchesTrackedBefore,
      factor: null,
      updated: false,
      varianceFed,
    };
  }
  let factor: number;
  let numBatchesTrackedAfter: number | null = null;
  let meanAfter: number[];
  let varAfter: number[];
  if (layer.framework === "pytorch") {
    // torch/nn/modules/batchnorm.py v1.13 L148-153: the counter always advances in a tracked training
    // forward; momentum=None turns the factor into 1/num_batches_tracked (a cumulative average).
    numBatchesTrackedAfter = numBatchesTrackedBefore! + 1;
    factor = layer.momentum ?? 1 / numBatchesTrackedAfter;
    const runningMean = Float64Array.from(meanBefore);
    const runningVar = Float64Array.from(varBefore);
    updateRunningStatsInto(runningMean, runningVar, stats.batchMean, stats.sumSquaredDeviations, layer.valuesPerChannel, factor);
    meanAfter = Array.from(runningMean);
    varAfter = Array.from(runningVar);
  } else {
    // keras/src/layers/normalization/batch_normalization.py call(): moving·momentum + batch·(1−momentum),
    // with the biased variance from ops.moments.
    const kerasFactor = 1 - layer.momentum!;
    factor = kerasFactor;
    meanAfter = meanBefore.map((running, c) => running * layer.momentum! + stats.batchMean[c]! * kerasFactor);
    varAfter = varBefore.map((running, c) => running * layer.momentum! + stats.batchVar[c]! * kerasFactor);
  }
  return {
    meanBefore,
    varBefore,
    meanAfter,
    varAfter,
    numBatchesTrackedBefore,
    numBatchesTrackedAfter,
    factor,
    updated: true,
    varianceFed,
  };
}

function outputBuffer<Values extends FloatArray>(
  out: FloatArray | undefined,
  length: number,
  type: { new (length: number): Values; name: string },
): Values {
  if (out === undefined) return new type(length);
  if (!(out instanceof type) || out.length !== length) {
    throw new BnError("bad_length", `out must be a ${type.name} of ${length} values`, ["out"]);
  }
  return out;
}

/**
 * One BatchNorm forward pass over channel axis 1, as PyTorch's BatchNorm1d/2d/3d or Keras's
 * BatchNormalization(axis=1) computes it: y = γ·(x − μ)/√(σ² + ε) + β ([Ioffe] Alg. 1), with μ, σ²
 * the biased batch statistics in training and the running ones in inference.
 */
export function forward(args: Float32ForwardArgs): ForwardResult<Float32Array>;
export function forward(args: ForwardArgs): ForwardResult;
export function forward(args: ForwardArgs | Float32ForwardArgs): ForwardResult<FloatArray> {
  const dtype = args.dtype ?? "float64";
  if (dtype !== "float64" && dtype !== "float32") {
    throw new BnError("bad_value", `dtype must be "float64" or "float32", got ${String(dtype)}`, ["dtype"]);
  }
  const layer = resolveLayer(args);
  const { channels } = layer;
  const includeXHat = args.includeXHat ?? true;
  let stats: BatchStatistics;
  let output: FloatArray;
  let xHat: FloatArray | null;
  let scale: Float64Array;
  if (dtype === "float64") {
    const x = toFloat64(args.input);
    stats = batchStatistics({ ...layer, x });
    scale = affineScale(layer, stats.invStd);
    output = outputBuffer(args.out, x.length, Float64Array);
    xHat = includeXHat ? new Float64Array(x.length) : null;
    normalizeInto({ ...layer, x, mean: stats.normMean, invStd: stats.invStd, scale, shift: affineShift(layer), out: output, xHat });
  } else {
    const x = toFloat32(args.input);
    output = outputBuffer(args.out, x.length, Float32Array);
    xHat = includeXHat ? new Float32Array(x.length) : null;
    const moments = { mean: new Float64Array(channels), sumSquaredDeviations: new Float64Array(channels) };
    if (layer.usedBatchStats) {
      const invStd = new Float64Array(channels);
      batchNormTrainInto({ ...layer, x, ...moments, invStd, gamma: layer.gamma, beta: layer.beta, out: output, xHat });
      assertFiniteMoments(x, moments.mean, moments.sumSquaredDeviations, layer.batch, channels, layer.spatial);
      stats = statisticsFromMoments(layer, moments);
      scale = affineScale(layer, stats.invStd);
    } else {
      batchMomentsInto(x, layer, moments.mean, moments.sumSquaredDeviations);
      assertFiniteMoments(x, moments.mean, moments.sumSquaredDeviations, layer.batch, channels, layer.spatial);
      stats = statisticsFromMoments(layer, moments);
      scale = affineScale(layer, stats.invStd);
      normalizeInto({ ...layer, x, mean: stats.normMean, invStd: stats.invStd, scale, shift: affineShift(layer), out: output, xHat });
    }
  }

  return {
    framework: layer.framework,
    dtype,
    mode: layer.mode,
    shape: layer.shape,
    channels,
    valuesPerChannel: layer.valuesPerChannel,
    eps: layer.eps,
    momentum: layer.momentum,
    usedBatchStats: layer.usedBatchStats,
    batchMean: Array.from(stats.batchMean),
    batchVar: Array.from(stats.batchVar),
    batchUnbiasedVar: stats.batchUnbiasedVar ? Array.from(stats.batchUnbiasedVar) : null,
    normMean: Array.from(stats.normMean),
    normVar: Array.from(stats.normVar),
    invStd: Array.from(stats.invStd),
    gamma: layer.gamma ? Array.from(layer.gamma) : null,
    beta: layer.beta ? Array.from(layer.beta) : null,
    scale: Array.from(scale),
    shift: Array.from(affineShift(layer)),
    running: updateRunningStats(layer, stats),
    output,
    xHat,
  };
}

function affineScale(layer: ResolvedLayer, invStd: Float64Array): Float64Array {
  return invStd.map((channelInvStd, c) => (layer.gamma ? layer.gamma[c]! : 1) * channelInvStd);
}

function affineShift(layer: ResolvedLayer): Float64Array {
  return layer.beta ?? new Float64Array(layer.channels);
}
