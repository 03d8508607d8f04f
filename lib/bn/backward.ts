import { BnError } from "./errors";
import { batchStatistics } from "./forward";
import { resolveArgs, toFloat64 } from "./resolve-args";
import type { BackwardArgs, BackwardResult } from "./types";

/**
 * Gradients of a BatchNorm forward pass given ∂loss/∂y. With batch statistics, dx flows through μ and
 * σ² as well ([Ioffe] §3 chain rule), in the compact form of ATen Normalization.cpp
 * batch_norm_backward_cpu_template: dx = γ·invStd·(dy − Σdy/n − x̂·Σ(dy·x̂)/n). With running statistics
 * μ and σ² are constants, so dx = dy·γ·invStd.
 */
export function backward(args: BackwardArgs): BackwardResult {
  const layer = resolveArgs(args);
  const gradOutput = args.gradOutput;
  if (gradOutput == null || gradOutput.length !== layer.x.length) {
    throw new BnError(
      "shape_mismatch",
      `gradOutput must have ${layer.x.length} values like the input, got ${gradOutput?.length ?? "none"}`,
      ["gradOutput"],
    );
  }
  const dy = toFloat64(gradOutput);
  const stats = batchStatistics(layer);
  const { batch, channels, spatial, valuesPerChannel: n, x } = layer;

  const sumDy = new Float64Array(channels);
  const sumDyXHat = new Float64Array(channels);
  for (let b = 0; b < batch; b++) {
    for (let c = 0; c < channels; c++) {
      const start = (b * channels + c) * spatial;
      const mean = stats.normMean[c]!;
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
  for (let c = 0; c < channels; c++) {
    sumDyXHat[c] = sumDyXHat[c]! * stats.invStd[c]!;
    if (!Number.isFinite(sumDy[c]) || !Number.isFinite(sumDyXHat[c])) {
      const bad = dy.findIndex((value) => !Number.isFinite(value));
      throw new BnError(
        "bad_value",
        bad >= 0 ? `gradOutput[${bad}] must be a finite number, got ${dy[bad]}` : "gradOutput overflows float64",
        bad >= 0 ? ["gradOutput", bad] : ["gradOutput"],
      );
    }
  }

  const dx = new Float64Array(x.length);
  for (let b = 0; b < batch; b++) {
    for (let c = 0; c < channels; c++) {
      const start = (b * channels + c) * spatial;
      const end = start + spatial;
      const invStd = stats.invStd[c]!;
      const gain = (layer.gamma ? layer.gamma[c]! : 1) * invStd;
      if (layer.usedBatchStats) {
        const mean = stats.normMean[c]!;
        const meanDy = sumDy[c]! / n;
        const meanDyXHat = sumDyXHat[c]! / n;
        for (let i = start; i < end; i++) {
          dx[i] = gain * (dy[i]! - meanDy - (x[i]! - mean) * invStd * meanDyXHat);
        }
      } else {
        for (let i = start; i < end; i++) dx[i] = dy[i]! * gain;
      }
    }
  }

  return {
    framework: layer.framework,
    mode: layer.mode,
    shape: layer.shape,
    channels,
    valuesPerChannel: n,
    usedBatchStats: layer.usedBatchStats,
    dx,
    dgamma: layer.gamma ? Array.from(sumDyXHat) : null,
    dbeta: layer.beta ? Array.from(sumDy) : null,
    sumDy: Array.from(sumDy),
    sumDyXHat: Array.from(sumDyXHat),
    normMean: Array.from(stats.normMean),
    invStd: Array.from(stats.invStd),
  };
}
