import { BnError } from "./errors";
import { channelMoments } from "./moments";
import { resolveArgs, type ResolvedBn } from "./resolve-args";
import type { ForwardArgs, ForwardResult, RunningStats } from "./types";

export interface BatchStatistics {
  batchMean: Float64Array;
  batchVar: Float64Array;
  batchUnbiasedVar: Float64Array | null;
  normMean: Float64Array;
  normVar: Float64Array;
  invStd: Float64Array;
}

/** Batch moments, and the statistics the layer normalizes with in this mode. */
export function batchStatistics(layer: ResolvedBn): BatchStatistics {
  const { channels, valuesPerChannel: n } = layer;
  const { mean, sumSquaredDeviations } = channelMoments(layer.x, layer.batch, channels, layer.spatial);
  const batchVar = sumSquaredDeviations.map((squares) => squares / n);
  const batchUnbiasedVar = n > 1 ? sumSquaredDeviations.map((squares) => squares / (n - 1)) : null;
  const normMean = layer.usedBatchStats ? mean : layer.runningMean!;
  const normVar = layer.usedBatchStats ? batchVar : layer.runningVar!;
  const invStd = normVar.map((variance) => 1 / Math.sqrt(variance + layer.eps));
  return { batchMean: mean, batchVar, batchUnbiasedVar, normMean, normVar, invStd };
}

function updateRunningStats(layer: ResolvedBn, stats: BatchStatistics): RunningStats | null {
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
  let fedVar: Float64Array;
  if (layer.framework === "pytorch") {
    // torch/nn/modules/batchnorm.py v1.13 L148-153: the counter always advances in a tracked training
    // forward; momentum=None turns the factor into 1/num_batches_tracked (a cumulative average).
    numBatchesTrackedAfter = numBatchesTrackedBefore! + 1;
    factor = layer.momentum ?? 1 / numBatchesTrackedAfter;
    // ATen Normalization.cpp batch_norm_cpu_update_stats_template feeds var_sum/(n−1).
    fedVar = stats.batchUnbiasedVar!;
  } else {
    // keras/src/layers/normalization/batch_normalization.py call(): moving·momentum + batch·(1−momentum),
    // with the biased variance from ops.moments.
    factor = 1 - layer.momentum!;
    fedVar = stats.batchVar;
  }
  const meanAfter = meanBefore.map((running, c) =>
    layer.framework === "pytorch"
      ? factor * stats.batchMean[c]! + (1 - factor) * running
      : running * layer.momentum! + stats.batchMean[c]! * factor,
  );
  const varAfter = varBefore.map((running, c) =>
    layer.framework === "pytorch"
      ? factor * fedVar[c]! + (1 - factor) * running
      : running * layer.momentum! + fedVar[c]! * factor,
  );
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

function outputBuffer(out: Float64Array | undefined, length: number): Float64Array {
  if (out === undefined) return new Float64Array(length);
  if (!(out instanceof Float64Array) || out.length !== length) {
    throw new BnError("bad_length", `out must be a Float64Array of ${length} values`, ["out"]);
  }
  return out;
}

/**
 * One BatchNorm forward pass over channel axis 1, as PyTorch's BatchNorm1d/2d/3d or Keras's
 * BatchNormalization(axis=1) computes it: y = γ·(x − μ)/√(σ² + ε) + β ([Ioffe] Alg. 1), with μ, σ²
 * the biased batch statistics in training and the running ones in inference.
 */
export function forward(args: ForwardArgs): ForwardResult {
  const layer = resolveArgs(args);
  const stats = batchStatistics(layer);
  const { channels, spatial, batch, x } = layer;
  const scale = new Float64Array(channels);
  const shift = new Float64Array(channels);
  for (let c = 0; c < channels; c++) {
    scale[c] = (layer.gamma ? layer.gamma[c]! : 1) * stats.invStd[c]!;
    shift[c] = layer.beta ? layer.beta[c]! : 0;
  }

  const output = outputBuffer(args.out, x.length);
  const includeXHat = args.includeXHat ?? true;
  const xHat = includeXHat ? new Float64Array(x.length) : null;
  const tail = spatial & 3;
  for (let n = 0; n < batch; n++) {
    for (let c = 0; c < channels; c++) {
      const start = (n * channels + c) * spatial;
      const end = start + spatial;
      const unrolledEnd = end - tail;
      const mean = stats.normMean[c]!;
      const channelScale = scale[c]!;
      const channelShift = shift[c]!;
      if (xHat) {
        // Each x is read before its y is written, so `out` may be the input itself.
        const invStd = stats.invStd[c]!;
        for (let i = start; i < end; i++) {
          const centred = x[i]! - mean;
          xHat[i] = centred * invStd;
          output[i] = centred * channelScale + channelShift;
        }
        continue;
      }
      let i = start;
      for (; i < unrolledEnd; i += 4) {
        output[i] = (x[i]! - mean) * channelScale + channelShift;
        output[i + 1] = (x[i + 1]! - mean) * channelScale + channelShift;
        output[i + 2] = (x[i + 2]! - mean) * channelScale + channelShift;
        output[i + 3] = (x[i + 3]! - mean) * channelScale + channelShift;
      }
      for (; i < end; i++) output[i] = (x[i]! - mean) * channelScale + channelShift;
    }
  }

  return {
    framework: layer.framework,
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
    shift: Array.from(shift),
    running: updateRunningStats(layer, stats),
    output,
    xHat,
  };
}
