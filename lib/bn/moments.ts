import { BnError } from "./errors";
import type { FloatArray } from "./types";

export interface ChannelMoments {
  mean: Float64Array;
  /** Σ(x − mean)² per channel. */
  sumSquaredDeviations: Float64Array;
}

// Below this many contiguous values per (n, c) block, per-block statistics cost more than a plain
// two-pass over the strided channel.
const MIN_BLOCK = 16;

/**
 * Per-channel mean and Σ(x − mean)² of a row-major (N, C, spatial) array, streaming the input once.
 * A channel's first contiguous block gets an exact two-pass; every later block is summed shifted by
 * the channel mean so far (the "shifted data" algorithm) and merged with the pairwise update of Chan,
 * Golub & LeVeque (1979). The shift keeps the cancellation in Σd² − (Σd)²/S small relative to the
 * merged M2, so the result matches a two-pass to rounding.
 */
export function channelMoments(x: Float64Array, batch: number, channels: number, spatial: number): ChannelMoments {
  const mean = new Float64Array(channels);
  const sumSquaredDeviations = new Float64Array(channels);
  if (spatial >= MIN_BLOCK) {
    for (let c = 0; c < channels; c++) {
      const first = twoPassBlock(x, c * spatial, spatial);
      mean[c] = first.mean;
      sumSquaredDeviations[c] = first.sumSquaredDeviations;
    }
    const tail = spatial & 3;
    for (let n = 1; n < batch; n++) {
      const seen = n * spatial;
      const total = seen + spatial;
      for (let c = 0; c < channels; c++) {
        const start = (n * channels + c) * spatial;
        const unrolledEnd = start + spatial - tail;
        const end = start + spatial;
        const shift = mean[c]!;
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        let q0 = 0, q1 = 0, q2 = 0, q3 = 0;
        let i = start;
        for (; i < unrolledEnd; i += 4) {
          const d0 = x[i]! - shift;
          const d1 = x[i + 1]! - shift;
          const d2 = x[i + 2]! - shift;
          const d3 = x[i + 3]! - shift;
          s0 += d0;
          s1 += d1;
          s2 += d2;
          s3 += d3;
          q0 += d0 * d0;
          q1 += d1 * d1;
          q2 += d2 * d2;
          q3 += d3 * d3;
        }
        for (; i < end; i++) {
          const d = x[i]! - shift;
          s0 += d;
          q0 += d * d;
        }
        const shiftedSum = s0 + s1 + s2 + s3;
        // The block mean minus the running mean is exactly the shifted mean.
        const delta = shiftedSum / spatial;
        const blockSquares = q0 + q1 + q2 + q3 - shiftedSum * delta;
        mean[c] = shift + (delta * spatial) / total;
        sumSquaredDeviations[c] = sumSquaredDeviations[c]! + blockSquares + (delta * delta * seen * spatial) / total;
      }
    }
  } else {
    const count = batch * spatial;
    for (let n = 0; n < batch; n++) {
      for (let c = 0; c < channels; c++) {
        const start = (n * channels + c) * spatial;
        let sum = 0;
        for (let i = start; i < start + spatial; i++) sum += x[i]!;
        mean[c] = mean[c]! + sum;
      }
    }
    for (let c = 0; c < channels; c++) mean[c] = mean[c]! / count;
    for (let n = 0; n < batch; n++) {
      for (let c = 0; c < channels; c++) {
        const start = (n * channels + c) * spatial;
        const channelMean = mean[c]!;
        let squares = 0;
        for (let i = start; i < start + spatial; i++) {
          const d = x[i]! - channelMean;
          squares += d * d;
        }
        sumSquaredDeviations[c] = sumSquaredDeviations[c]! + squares;
      }
    }
  }
  assertFiniteMoments(x, mean, sumSquaredDeviations, batch, channels, spatial);
  return { mean, sumSquaredDeviations };
}

function twoPassBlock(x: Float64Array, start: number, length: number): { mean: number; sumSquaredDeviations: number } {
  let sum = 0;
  for (let i = start; i < start + length; i++) sum += x[i]!;
  const mean = sum / length;
  let squares = 0;
  for (let i = start; i < start + length; i++) {
    const d = x[i]! - mean;
    squares += d * d;
  }
  return { mean, sumSquaredDeviations: squares };
}

/** Throws BnError on the first non-finite input value of a channel whose moments are not finite. */
export function assertFiniteMoments(
  x: FloatArray,
  mean: Float64Array,
  sumSquaredDeviations: Float64Array,
  batch: number,
  channels: number,
  spatial: number,
): void {
  for (let c = 0; c < channels; c++) {
    if (Number.isFinite(mean[c]) && Number.isFinite(sumSquaredDeviations[c])) continue;
    for (let n = 0; n < batch; n++) {
      const start = (n * channels + c) * spatial;
      for (let i = start; i < start + spatial; i++) {
        if (!Number.isFinite(x[i])) {
          throw new BnError("bad_value", `input[${i}] must be a finite number, got ${x[i]}`, ["input", i]);
        }
      }
    }
    throw new BnError("bad_value", `channel ${c} overflows float64 (values too large)`, ["input"]);
  }
}
