import { BnError } from "./errors";
import { batchStatistics } from "./forward";
import { batchNormBackwardInto } from "./kernels";
import { resolveArgs, toFloat64 } from "./resolve-args";
import type { BackwardArgs, BackwardResult } from "./types";

/** Gradients of a BatchNorm forward pass given ∂loss/∂y (see batchNormBackwardInto for the formula). */
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
  const { channels, valuesPerChannel: n, x } = layer;
  const sumDy = new Float64Array(channels);
  const sumDyXHat = new Float64Array(channels);
  const dx = new Float64Array(x.length);
  batchNormBackwardInto({
    ...layer,
    gradOutput: dy,
    mean: stats.normMean,
    invStd: stats.invStd,
    dx,
    sumDy,
    sumDyXHat,
  });
  for (let c = 0; c < channels; c++) {
    if (!Number.isFinite(sumDy[c]) || !Number.isFinite(sumDyXHat[c])) {
      const bad = dy.findIndex((value) => !Number.isFinite(value));
      throw new BnError(
        "bad_value",
        bad >= 0 ? `gradOutput[${bad}] must be a finite number, got ${dy[bad]}` : "gradOutput overflows float64",
        bad >= 0 ? ["gradOutput", bad] : ["gradOutput"],
      );
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
