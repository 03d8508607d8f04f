import { batchNormBackwardInto, batchNormTrainInto, normalizeInto, updateRunningStatsInto } from "@/lib/bn";
import { allocate, param, product, type Dtype, type FloatArray, type Layer, type Param } from "./types";

export interface BatchNormOptions {
  /** PyTorch's momentum: weight of the new batch statistic; null = cumulative average. */
  momentum: number | null;
  eps: number;
  /** Eval mode even while the network trains (PyTorch: bn.eval() inside a training model): running
   * statistics normalize and stay put, γ and β still learn. */
  frozen: boolean;
}

/** What a BatchNorm layer exposes besides the Layer interface: its buffers and last batch statistics. */
export interface BatchNormLayer extends Layer {
  kind: "batchnorm";
  runningMean: FloatArray;
  runningVar: FloatArray;
  numBatchesTracked: () => number;
  frozen: boolean;
  /** Batch mean and biased variance per channel of the last training forward (what it normalized with). */
  lastBatchMean: Float64Array;
  lastBatchVar: Float64Array;
}

export function isBatchNorm(layer: Layer): layer is BatchNormLayer {
  return layer.kind === "batchnorm";
}

/**
 * torch.nn.BatchNorm1d / BatchNorm2d over channel axis 1 of (N, C) or (N, C, H, W), with lib/bn's kernels:
 * training normalizes with the batch statistics and moves the running ones; eval uses the running ones.
 */
export function createBatchNorm(
  name: string,
  sampleShape: number[],
  maxBatch: number,
  dtype: Dtype,
  options: BatchNormOptions,
): BatchNormLayer {
  const channels = sampleShape[0]!;
  const spatial = product(sampleShape.slice(1));
  const gamma: Param = param(`${name}.weight`, [channels], dtype);
  const beta: Param = param(`${name}.bias`, [channels], dtype);
  gamma.value.fill(1);
  const runningMean = allocate(dtype, channels);
  const runningVar = allocate(dtype, channels).fill(1);
  let numBatchesTracked = 0;
  const output = allocate(dtype, maxBatch * channels * spatial);
  const gradInput = allocate(dtype, maxBatch * channels * spatial);
  const mean = new Float64Array(channels);
  const sumSquaredDeviations = new Float64Array(channels);
  const invStd = new Float64Array(channels);
  const scale = new Float64Array(channels);
  const sumDy = new Float64Array(channels);
  const sumDyXHat = new Float64Array(channels);
  const lastBatchMean = new Float64Array(channels);
  const lastBatchVar = new Float64Array(channels);
  let input: FloatArray = output;
  let usedBatchStats = true;

  return {
    name,
    kind: "batchnorm",
    outputShape: sampleShape,
    params: [gamma, beta],
    runningMean,
    runningVar,
    numBatchesTracked: () => numBatchesTracked,
    frozen: options.frozen,
    lastBatchMean,
    lastBatchVar,
    forward(x, batch, training) {
      input = x;
      usedBatchStats = training && !options.frozen;
      const layout = { batch, channels, spatial };
      if (usedBatchStats) {
        batchNormTrainInto({
          ...layout,
          x,
          eps: options.eps,
          gamma: gamma.value,
          beta: beta.value,
          out: output,
          xHat: null,
          mean,
          sumSquaredDeviations,
          invStd,
        });
        const valuesPerChannel = batch * spatial;
        // torch/nn/modules/batchnorm.py v1.13 L148-153: momentum=None averages over all batches so far.
        numBatchesTracked += 1;
        const factor = options.momentum ?? 1 / numBatchesTracked;
        updateRunningStatsInto(runningMean, runningVar, mean, sumSquaredDeviations, valuesPerChannel, factor);
        lastBatchMean.set(mean);
        for (let c = 0; c < channels; c++) lastBatchVar[c] = sumSquaredDeviations[c]! / valuesPerChannel;
      } else {
        mean.set(runningMean);
        for (let c = 0; c < channels; c++) {
          invStd[c] = 1 / Math.sqrt(runningVar[c]! + options.eps);
          scale[c] = gamma.value[c]! * invStd[c]!;
        }
        normalizeInto({ ...layout, x, mean, invStd, scale, shift: beta.value, out: output, xHat: null });
      }
      return output;
    },
    backward(gradOutput, batch, needInputGrad) {
      batchNormBackwardInto({
        batch,
        channels,
        spatial,
        x: input,
        gradOutput,
        mean,
        invStd,
        gamma: gamma.value,
        usedBatchStats,
        dx: gradInput,
        sumDy,
        sumDyXHat,
      });
      gamma.grad.set(sumDyXHat);
      beta.grad.set(sumDy);
      return needInputGrad ? gradInput : null;
    },
  };
}
