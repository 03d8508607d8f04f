import type { FloatArray } from "./types";

/** Where a channel's values sit in a row-major (N, C, spatial…) array: `batch` blocks of `spatial`
 * contiguous values, `channels·spatial` apart. */
export interface ChannelLayout {
  batch: number;
  channels: number;
  /** Product of the dimensions after the channel axis (1 for (N, C)). */
  spatial: number;
}

// The loops below are small functions over one contiguous (n, c) block so that V8 compiles each to a tight
// typed-array loop; one function with every loop nested inside ran about 2.5× slower on (32,64,56,56).

/** Adds Σ(x − shift) and Σ(x − shift)² over x[start..end) to sums[slot] and sums[slot + 1]. */
function addShiftedSums(x: FloatArray, start: number, end: number, shift: number, sums: Float64Array, slot: number): void {
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
  sums[slot] = sums[slot]! + s0 + s1;
  sums[slot + 1] = sums[slot + 1]! + q0 + q1;
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

/** y = γ·(x − μ)/√(σ² + ε) + β per channel with given statistics ([Ioffe] Alg. 1, last line), in memory
 * order. */
export function normalizeInto(args: NormalizeArgs): void {
  const { x, out, xHat, mean, invStd, scale, shift, batch, channels, spatial } = args;
  for (let n = 0; n < batch; n++) {
    for (let c = 0; c < channels; c++) {
      const start = (n * channels + c) * spatial;
      if (xHat) normalizeBlockWithXHat(x, out, xHat, start, start + spatial, mean[c]!, invStd[c]!, scale[c]!, shift[c]!);
      else normalizeBlock(x, out, start, start + spatial, mean[c]!, scale[c]!, shift[c]!);
    }
  }
}

/**
 * Batch mean and Σ(x − mean)² per channel in one pass over x in memory order, by the shifted-data algorithm
 * (Chan, Golub & LeVeque, "Algorithms for computing the sample variance", 1983, §3): with K_c the
 * channel's first value, Σ(x − mean)² = Σ(x − K_c)² − (Σ(x − K_c))²/n. Because K_c is one of the values,
 * (K_c − mean)² ≤ (n − 1)·σ², so the cancellation costs at most a factor n of float64 precision — far
 * below float32's.
 */
export function batchMomentsInto(
  x: FloatArray,
  layout: ChannelLayout,
  mean: Float64Array,
  sumSquaredDeviations: Float64Array,
): void {
  const { batch, channels, spatial } = layout;
  const shifts = new Float64Array(channels);
  for (let c = 0; c < channels; c++) shifts[c] = x[c * spatial]!;
  const sums = new Float64Array(2 * channels);
  for (let n = 0; n < batch; n++) {
    for (let c = 0; c < channels; c++) {
      const start = (n * channels + c) * spatial;
      addShiftedSums(x, start, start + spatial, shifts[c]!, sums, 2 * c);
    }
  }
  const count = batch * spatial;
  for (let c = 0; c < channels; c++) {
    const shiftedMean = sums[2 * c]! / count;
    mean[c] = shifts[c]! + shiftedMean;
    sumSquaredDeviations[c] = Math.max(0, sums[2 * c + 1]! - sums[2 * c]! * shiftedMean);
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
 * Train-mode BatchNorm over channel axis 1 ([Ioffe] Alg. 1 with the biased batch variance): one pass for
 * the moments, one to normalize, both in memory order. (Fusing the two per channel, to normalize while the
 * channel is still in cache, ran as fast into a reused output but up to twice as slow into a fresh one:
 * writing a new allocation channel by channel scatters its first-touch page faults.) NaN or ±∞ in the
 * input propagate to the output; `forward` checks for them, a training loop watches its loss instead.
 */
export function batchNormTrainInto(args: TrainNormalizeArgs): void {
  const { x, eps, gamma, beta, out, xHat, mean, sumSquaredDeviations, invStd, channels } = args;
  batchMomentsInto(x, args, mean, sumSquaredDeviations);
  const count = args.batch * args.spatial;
  const scale = new Float64Array(channels);
  const shift = new Float64Array(channels);
  for (let c = 0; c < channels; c++) {
    invStd[c] = 1 / Math.sqrt(sumSquaredDeviations[c]! / count + eps);
    scale[c] = (gamma ? gamma[c]! : 1) * invStd[c]!;
    shift[c] = beta ? beta[c]! : 0;
  }
  normalizeInto({ ...args, mean, invStd, scale, shift, out, xHat });
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
