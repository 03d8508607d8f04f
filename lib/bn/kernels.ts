import type { FloatArray } from "./types";

/** Where a channel's values sit in a row-major (N, C, spatial…) array: `batch` blocks of `spatial`
 * contiguous values, `channels·spatial` apart. */
export interface ChannelLayout {
  batch: number;
  channels: number;
  /** Product of the dimensions after the channel axis (1 for (N, C)). */
  spatial: number;
}

// The loops below are small functions over one contiguous block so that V8 compiles each to a tight
// typed-array loop; one function with every loop nested inside ran about 2.5× slower on (32,64,56,56).

/** Adds Σ(x − shift) and Σ(x − shift)² over x[start..end) to sums[0] and sums[1]. */
function addShiftedSums(x: FloatArray, start: number, end: number, shift: number, sums: Float64Array): void {
  let s0 = 0, s1 = 0, q0 = 0, q1 = 0;
  let i = start;
  for (; i + 1 < end; i += 2) {
    const d0 = x[i]! - shift;
    const d1 = x[i + 1]! - shift;
    s0 += d0;
    s1 += d1;
    q0 += d0 * d0;
    q1 += d1 * d1;
  }
  for (; i < end; i++) {
    const d = x[i]! - shift;
    s0 += d;
    q0 += d * d;
  }
  sums[0] = sums[0]! + s0 + s1;
  sums[1] = sums[1]! + q0 + q1;
}

function normalizeBlock(x: FloatArray, out: FloatArray, start: number, end: number, mean: number, scale: number, shift: number): void {
  let i = start;
  for (; i + 3 < end; i += 4) {
    out[i] = (x[i]! - mean) * scale + shift;
    out[i + 1] = (x[i + 1]! - mean) * scale + shift;
    out[i + 2] = (x[i + 2]! - mean) * scale + shift;
    out[i + 3] = (x[i + 3]! - mean) * scale + shift;
  }
  for (; i < end; i++) out[i] = (x[i]! - mean) * scale + shift;
}

function normalizeBlockWithXHat(
  x: FloatArray,
  out: FloatArray,
  xHat: FloatArray,
  start: number,
  end: number,
  mean: number,
  invStd: number,
  scale: number,
  shift: number,
): void {
  // Each x is read before its y is written, so `out` may be the input itself.
  for (let i = start; i < end; i++) {
    const centred = x[i]! - mean;
    xHat[i] = centred * invStd;
    out[i] = centred * scale + shift;
  }
}

/**
 * Mean and Σ(x − mean)² of channel c in one pass, by the shifted-data algorithm (Chan, Golub & LeVeque,
 * "Algorithms for computing the sample variance", 1983, §3): with K the channel's first value,
 * Σ(x − mean)² = Σ(x − K)² − (Σ(x − K))²/n. Because K is one of the values, (K − mean)² ≤ (n − 1)·σ², so the
 * cancellation costs at most a factor n of float64 precision — far below float32's, and one pass instead
 * of two keeps the normalizing pass's reads in cache.
 */
function channelMoments(x: FloatArray, layout: ChannelLayout, c: number, sums: Float64Array): { mean: number; squares: number } {
  const { batch, spatial } = layout;
  const stride = layout.channels * spatial;
  const count = batch * spatial;
  const shift = x[c * spatial]!;
  sums[0] = 0;
  sums[1] = 0;
  for (let n = 0, start = c * spatial; n < batch; n++, start += stride) addShiftedSums(x, start, start + spatial, shift, sums);
  const shiftedMean = sums[0]! / count;
  return { mean: shift + shiftedMean, squares: Math.max(0, sums[1]! - sums[0]! * shiftedMean) };
}

export interface NormalizeArgs extends ChannelLayout {
  x: FloatArray;
  /** Statistics to normalize with, per channel. */
  mean: ArrayLike<number>;
  invStd: ArrayLike<number>;
  /** y = scale·(x − mean) + shift: scale = γ·invStd, shift = β. */
  scale: ArrayLike<number>;
  shift: ArrayLike<number>;
  out: FloatArray;
  /** x̂ = (x − mean)·invStd, when wanted. */
  xHat: FloatArray | null;
}

/** y = γ·(x − μ)/√(σ² + ε) + β per channel with given statistics ([Ioffe] Alg. 1, last line). */
export function normalizeInto(args: NormalizeArgs): void {
  const { x, out, xHat, mean, invStd, scale, shift, batch, channels, spatial } = args;
  const stride = channels * spatial;
  for (let c = 0; c < channels; c++) {
    const channelMean = mean[c]!;
    const channelScale = scale[c]!;
    const channelShift = shift[c]!;
    const first = c * spatial;
    if (xHat) {
      const channelInvStd = invStd[c]!;
      for (let n = 0, start = first; n < batch; n++, start += stride) {
        normalizeBlockWithXHat(x, out, xHat, start, start + spatial, channelMean, channelInvStd, channelScale, channelShift);
      }
    } else {
      for (let n = 0, start = first; n < batch; n++, start += stride) {
        normalizeBlock(x, out, start, start + spatial, channelMean, channelScale, channelShift);
      }
    }
  }
}

/** Batch mean and Σ(x − mean)² per channel (see channelMoments). */
export function batchMomentsInto(
  x: FloatArray,
  layout: ChannelLayout,
  mean: Float64Array,
  sumSquaredDeviations: Float64Array,
): void {
  const sums = new Float64Array(2);
  for (let c = 0; c < layout.channels; c++) {
    const moments = channelMoments(x, layout, c, sums);
    mean[c] = moments.mean;
    sumSquaredDeviations[c] = moments.squares;
  }
}

export interface TrainNormalizeArgs extends ChannelLayout {
  x: FloatArray;
  eps: number;
  gamma: ArrayLike<number> | null;
  beta: ArrayLike<number> | null;
  out: FloatArray;
  xHat: FloatArray | null;
  /** Filled per channel: batch mean, Σ(x − mean)² and 1/√(Σ(x − mean)²/n + ε). */
  mean: Float64Array;
  sumSquaredDeviations: Float64Array;
  invStd: Float64Array;
}

/**
 * Train-mode BatchNorm over channel axis 1 ([Ioffe] Alg. 1 with the biased batch variance), fused per
 * channel: the moments pass and the normalizing pass run while that channel's values are still in cache,
 * so the input streams from memory once. NaN or ±∞ in the input propagate to the output;
 * `forward` checks for them, a training loop watches its loss instead.
 */
export function batchNormTrainInto(args: TrainNormalizeArgs): void {
  const { x, eps, gamma, beta, out, xHat, mean, sumSquaredDeviations, invStd, batch, channels, spatial } = args;
  const count = batch * spatial;
  const stride = channels * spatial;
  const sums = new Float64Array(2);
  for (let c = 0; c < channels; c++) {
    const { mean: channelMean, squares } = channelMoments(x, args, c, sums);
    const channelInvStd = 1 / Math.sqrt(squares / count + eps);
    mean[c] = channelMean;
    sumSquaredDeviations[c] = squares;
    invStd[c] = channelInvStd;
    const scale = (gamma ? gamma[c]! : 1) * channelInvStd;
    const shift = beta ? beta[c]! : 0;
    // The loops stay here rather than in a shared per-channel helper: one call level more made V8 run the
    // normalizing pass about 25% slower.
    if (xHat) {
      for (let n = 0, start = c * spatial; n < batch; n++, start += stride) {
        normalizeBlockWithXHat(x, out, xHat, start, start + spatial, channelMean, channelInvStd, scale, shift);
      }
    } else {
      for (let n = 0, start = c * spatial; n < batch; n++, start += stride) {
        normalizeBlock(x, out, start, start + spatial, channelMean, scale, shift);
      }
    }
  }
}

/**
 * PyTorch's running-statistics update, torch/nn/modules/batchnorm.py v1.13 with ATen Normalization.cpp
 * batch_norm_cpu_update_stats_template: running ← factor·batch + (1 − factor)·running, where the variance
 * fed is the unbiased Σ(x − mean)²/(n − 1).
 */
export function updateRunningStatsInto(
  runningMean: FloatArray,
  runningVar: FloatArray,
  batchMean: ArrayLike<number>,
  sumSquaredDeviations: ArrayLike<number>,
  valuesPerChannel: number,
  factor: number,
): void {
  for (let c = 0; c < runningMean.length; c++) {
    runningMean[c] = factor * batchMean[c]! + (1 - factor) * runningMean[c]!;
    runningVar[c] = factor * (sumSquaredDeviations[c]! / (valuesPerChannel - 1)) + (1 - factor) * runningVar[c]!;
  }
}

export interface BackwardIntoArgs extends ChannelLayout {
  x: FloatArray;
  gradOutput: FloatArray;
  /** The statistics the forward pass normalized with. */
  mean: ArrayLike<number>;
  invStd: ArrayLike<number>;
  gamma: ArrayLike<number> | null;
  /** Batch statistics make μ and σ² functions of x; running statistics are constants. */
  usedBatchStats: boolean;
  dx: FloatArray;
  /** Filled per channel: Σdy (= ∂loss/∂β) and Σdy·x̂ (= ∂loss/∂γ). */
  sumDy: Float64Array;
  sumDyXHat: Float64Array;
}

/**
 * Gradients of a BatchNorm forward pass given ∂loss/∂y. With batch statistics, dx flows through μ and
 * σ² as well ([Ioffe] §3 chain rule), in the compact form of ATen Normalization.cpp
 * batch_norm_backward_cpu_template: dx = γ·invStd·(dy − Σdy/n − x̂·Σ(dy·x̂)/n). With running statistics
 * μ and σ² are constants, so dx = dy·γ·invStd.
 */
export function batchNormBackwardInto(args: BackwardIntoArgs): void {
  const { x, gradOutput: dy, mean: normMean, invStd, gamma, batch, channels, spatial, dx, sumDy, sumDyXHat } = args;
  const n = batch * spatial;
  sumDy.fill(0);
  sumDyXHat.fill(0);
  for (let b = 0; b < batch; b++) {
    for (let c = 0; c < channels; c++) {
      const start = (b * channels + c) * spatial;
      const mean = normMean[c]!;
      let dySum = 0;
      let dyCentredSum = 0;
      for (let i = start; i < start + spatial; i++) {
        dySum += dy[i]!;
        dyCentredSum += dy[i]! * (x[i]! - mean);
      }
      sumDy[c] = sumDy[c]! + dySum;
      sumDyXHat[c] = sumDyXHat[c]! + dyCentredSum;
    }
  }
  for (let c = 0; c < channels; c++) sumDyXHat[c] = sumDyXHat[c]! * invStd[c]!;

  for (let b = 0; b < batch; b++) {
    for (let c = 0; c < channels; c++) {
      const start = (b * channels + c) * spatial;
      const end = start + spatial;
      const channelInvStd = invStd[c]!;
      const gain = (gamma ? gamma[c]! : 1) * channelInvStd;
      if (args.usedBatchStats) {
        const mean = normMean[c]!;
        const meanDy = sumDy[c]! / n;
        const meanDyXHat = sumDyXHat[c]! / n;
        for (let i = start; i < end; i++) {
          dx[i] = gain * (dy[i]! - meanDy - (x[i]! - mean) * channelInvStd * meanDyXHat);
        }
      } else {
        for (let i = start; i < end; i++) dx[i] = dy[i]! * gain;
      }
    }
  }
}
