import type { Framework } from "./types";

export interface ReferenceBnConfig {
  framework: Framework;
  training: boolean;
  eps: number;
  /** PyTorch: weight of the batch statistic, null = cumulative. Keras: weight of the old moving statistic. */
  momentum: number | null;
  gamma: ArrayLike<number> | null;
  beta: ArrayLike<number> | null;
  /** null when the layer keeps no running statistics (then eval normalizes with batch statistics). */
  runningMean: ArrayLike<number> | null;
  runningVar: ArrayLike<number> | null;
  numBatchesTracked: number | null;
}

export interface ReferenceForwardResult {
  output: Float64Array;
  mean: number[];
  biasedVar: number[];
  runningMean: number[] | null;
  runningVar: number[] | null;
  numBatchesTracked: number | null;
}

function layout(shape: readonly number[]): { batch: number; channels: number; spatial: number } {
  return {
    batch: shape[0] ?? 0,
    channels: shape[1] ?? 0,
    spatial: shape.slice(2).reduce((product, dim) => product * dim, 1),
  };
}

/**
 * Textbook BatchNorm, deliberately naive: nested loops with index arithmetic, separate passes for the
 * mean, the biased variance and the output, straight from [Ioffe] Alg. 1 and the running-statistic
 * rules of torch/nn/modules/batchnorm.py v1.13 and keras/src/layers/normalization/batch_normalization.py.
 * It is the baseline of bench/bn-forward.ts and an independent oracle for the tests.
 */
export function referenceForward(
  input: ArrayLike<number>,
  shape: readonly number[],
  config: ReferenceBnConfig,
): ReferenceForwardResult {
  const { batch, channels, spatial } = layout(shape);
  const count = batch * spatial;
  const mean: number[] = [];
  const biasedVar: number[] = [];
  for (let c = 0; c < channels; c++) {
    let sum = 0;
    for (let n = 0; n < batch; n++) {
      for (let s = 0; s < spatial; s++) sum += input[n * channels * spatial + c * spatial + s]!;
    }
    const channelMean = sum / count;
    let squares = 0;
    for (let n = 0; n < batch; n++) {
      for (let s = 0; s < spatial; s++) {
        const deviation = input[n * channels * spatial + c * spatial + s]! - channelMean;
        squares += deviation * deviation;
      }
    }
    mean.push(channelMean);
    biasedVar.push(squares / count);
  }

  const hasRunning = config.runningMean !== null && config.runningVar !== null;
  const useBatch = config.training || !hasRunning;
  const output = new Float64Array(input.length);
  for (let n = 0; n < batch; n++) {
    for (let c = 0; c < channels; c++) {
      const mu = useBatch ? mean[c]! : config.runningMean![c]!;
      const variance = useBatch ? biasedVar[c]! : config.runningVar![c]!;
      for (let s = 0; s < spatial; s++) {
        const index = n * channels * spatial + c * spatial + s;
        const xHat = (input[index]! - mu) / Math.sqrt(variance + config.eps);
        output[index] = (config.gamma ? config.gamma[c]! : 1) * xHat + (config.beta ? config.beta[c]! : 0);
      }
    }
  }

  let runningMean = config.runningMean ? Array.from(config.runningMean) : null;
  let runningVar = config.runningVar ? Array.from(config.runningVar) : null;
  let numBatchesTracked = config.numBatchesTracked;
  if (config.training && runningMean && runningVar) {
    if (config.framework === "pytorch") {
      numBatchesTracked = (numBatchesTracked ?? 0) + 1;
      const momentum = config.momentum ?? 1 / numBatchesTracked;
      runningMean = runningMean.map((running, c) => (1 - momentum) * running + momentum * mean[c]!);
      runningVar = runningVar.map(
        (running, c) => (1 - momentum) * running + momentum * ((biasedVar[c]! * count) / (count - 1)),
      );
    } else {
      const momentum = config.momentum ?? 0.99;
      runningMean = runningMean.map((running, c) => running * momentum + mean[c]! * (1 - momentum));
      runningVar = runningVar.map((running, c) => running * momentum + biasedVar[c]! * (1 - momentum));
    }
  }
  return { output, mean, biasedVar, runningMean, runningVar, numBatchesTracked };
}

export interface ReferenceBackwardResult {
  dx: number[];
  dgamma: number[];
  dbeta: number[];
}

/**
 * Backward pass spelled out term by term as in [Ioffe] §3 (∂ℓ/∂x̂, ∂ℓ/∂σ², ∂ℓ/∂μ, then ∂ℓ/∂x), not the
 * compact form the engine uses; with running statistics only the ∂ℓ/∂x̂ / √(var+ε) term remains.
 */
export function referenceBackward(
  input: ArrayLike<number>,
  gradOutput: ArrayLike<number>,
  shape: readonly number[],
  config: ReferenceBnConfig,
): ReferenceBackwardResult {
  const { batch, channels, spatial } = layout(shape);
  const m = batch * spatial;
  const { mean, biasedVar } = referenceForward(input, shape, { ...config, runningMean: null, runningVar: null });
  const useBatch = config.training || config.runningMean === null || config.runningVar === null;
  const dx: number[] = Array.from({ length: input.length }, () => 0);
  const dgamma: number[] = [];
  const dbeta: number[] = [];
  const indices = (c: number): number[] => {
    const list: number[] = [];
    for (let n = 0; n < batch; n++) {
      for (let s = 0; s < spatial; s++) list.push(n * channels * spatial + c * spatial + s);
    }
    return list;
  };
  for (let c = 0; c < channels; c++) {
    const mu = useBatch ? mean[c]! : config.runningMean![c]!;
    const variance = useBatch ? biasedVar[c]! : config.runningVar![c]!;
    const gamma = config.gamma ? config.gamma[c]! : 1;
    const std = Math.sqrt(variance + config.eps);
    const channel = indices(c);
    let sumDy = 0;
    let sumDyXHat = 0;
    let dVar = 0;
    let dMeanDirect = 0;
    let sumCentred = 0;
    for (const i of channel) {
      const dXHat = gradOutput[i]! * gamma;
      sumDy += gradOutput[i]!;
      sumDyXHat += (gradOutput[i]! * (input[i]! - mu)) / std;
      dVar += dXHat * (input[i]! - mu) * -0.5 * Math.pow(variance + config.eps, -1.5);
      dMeanDirect += -dXHat / std;
      sumCentred += -2 * (input[i]! - mu);
    }
    const dMean = dMeanDirect + (dVar * sumCentred) / m;
    for (const i of channel) {
      const dXHat = gradOutput[i]! * gamma;
      dx[i] = useBatch
        ? dXHat / std + (dVar * 2 * (input[i]! - mu)) / m + dMean / m
        : dXHat / std;
    }
    dgamma.push(sumDyXHat);
    dbeta.push(sumDy);
  }
  return { dx, dgamma, dbeta };
}
