import { batchNormBackwardInto, batchNormTrainInto } from "@/lib/bn";
import { allocate, param, product, type Dtype, type FloatArray, type Layer, type Param } from "./types";

export interface GroupNormShape {
  batch: number;
  /** Channels carrying their own γ and β, each `spatial` values per sample. */
  channels: number;
  spatial: number;
  groups: number;
}

export interface GroupNormBuffers {
  out: FloatArray;
  xHat: FloatArray;
  /** Per (sample, group): batch · groups values each. */
  mean: Float64Array;
  sumSquaredDeviations: Float64Array;
  invStd: Float64Array;
}

/**
 * GroupNorm (Wu & He 2018, eq. 1–3; torch.nn.GroupNorm): each sample's channels are split into `groups`
 * contiguous groups, each normalized by its own mean and biased variance, then y = γ_c·x̂ + β_c. A group of
 * sample n is one contiguous block of (C/G)·spatial values, so its statistics are exactly BatchNorm's over
 * a (1, N·G, (C/G)·spatial) layout: lib/bn's kernel computes them and x̂.
 */
export function groupNormForward(
  x: FloatArray,
  gamma: ArrayLike<number>,
  beta: ArrayLike<number>,
  shape: GroupNormShape,
  eps: number,
  buffers: GroupNormBuffers,
): void {
  const { batch, channels, spatial, groups } = shape;
  batchNormTrainInto({
    batch: 1,
    channels: batch * groups,
    spatial: (channels / groups) * spatial,
    x,
    eps,
    gamma: null,
    beta: null,
    out: buffers.xHat,
    xHat: null,
    mean: buffers.mean,
    sumSquaredDeviations: buffers.sumSquaredDeviations,
    invStd: buffers.invStd,
  });
  const { out, xHat } = buffers;
  for (let n = 0; n < batch; n++) {
    for (let c = 0; c < channels; c++) {
      const start = (n * channels + c) * spatial;
      const scale = gamma[c]!;
      const shift = beta[c]!;
      for (let i = start; i < start + spatial; i++) out[i] = xHat[i]! * scale + shift;
    }
  }
}

/**
 * Gradients of groupNormForward: ∂loss/∂γ_c = Σ dy·x̂ and ∂loss/∂β_c = Σ dy over samples and positions;
 * ∂loss/∂x is BatchNorm's batch-statistics backward per (sample, group) applied to ∂loss/∂x̂ = γ_c·dy.
 */
export function groupNormBackward(
  x: FloatArray,
  gamma: ArrayLike<number>,
  gradOutput: FloatArray,
  shape: GroupNormShape,
  buffers: GroupNormBuffers & { gradXHat: FloatArray },
  gradGamma: FloatArray,
  gradBeta: FloatArray,
  gradInput: FloatArray,
): void {
  const { batch, channels, spatial, groups } = shape;
  const { xHat, gradXHat } = buffers;
  const gammaSums = new Float64Array(channels);
  const betaSums = new Float64Array(channels);
  for (let n = 0; n < batch; n++) {
    for (let c = 0; c < channels; c++) {
      const start = (n * channels + c) * spatial;
      const scale = gamma[c]!;
      let dyXHat = 0;
      let dySum = 0;
      for (let i = start; i < start + spatial; i++) {
        dyXHat += gradOutput[i]! * xHat[i]!;
        dySum += gradOutput[i]!;
        gradXHat[i] = gradOutput[i]! * scale;
      }
      gammaSums[c] = gammaSums[c]! + dyXHat;
      betaSums[c] = betaSums[c]! + dySum;
    }
  }
  gradGamma.set(gammaSums);
  gradBeta.set(betaSums);
  const blocks = batch * groups;
  batchNormBackwardInto({
    batch: 1,
    channels: blocks,
    spatial: (channels / groups) * spatial,
    x,
    gradOutput: gradXHat,
    mean: buffers.mean,
    invStd: buffers.invStd,
    gamma: null,
    usedBatchStats: true,
    dx: gradInput,
    sumDy: new Float64Array(blocks),
    sumDyXHat: new Float64Array(blocks),
  });
}

interface NormLayerSpec {
  name: string;
  kind: "groupnorm" | "layernorm";
  sampleShape: number[];
  channels: number;
  spatial: number;
  groups: number;
  affineShape: number[];
}

function createNormLayer(spec: NormLayerSpec, maxBatch: number, dtype: Dtype, eps: number): Layer {
  const { channels, spatial, groups } = spec;
  const gamma: Param = param(`${spec.name}.weight`, spec.affineShape, dtype);
  const beta: Param = param(`${spec.name}.bias`, spec.affineShape, dtype);
  gamma.value.fill(1);
  const size = maxBatch * channels * spatial;
  const buffers = {
    out: allocate(dtype, size),
    xHat: allocate(dtype, size),
    gradXHat: allocate(dtype, size),
    mean: new Float64Array(maxBatch * groups),
    sumSquaredDeviations: new Float64Array(maxBatch * groups),
    invStd: new Float64Array(maxBatch * groups),
  };
  const gradInput = allocate(dtype, size);
  let input: FloatArray = buffers.out;
  return {
    name: spec.name,
    kind: spec.kind,
    outputShape: spec.sampleShape,
    params: [gamma, beta],
    forward(x, batch) {
      input = x;
      groupNormForward(x, gamma.value, beta.value, { batch, channels, spatial, groups }, eps, buffers);
      return buffers.out;
    },
    backward(gradOutput, batch, needInputGrad) {
      const shape = { batch, channels, spatial, groups };
      groupNormBackward(input, gamma.value, gradOutput, shape, buffers, gamma.grad, beta.grad, gradInput);
      return needInputGrad ? gradInput : null;
    },
  };
}

/** torch.nn.GroupNorm(groups, C) on (N, C) or (N, C, H, W); the same in training and eval. */
export function createGroupNorm(name: string, sampleShape: number[], groups: number, maxBatch: number, dtype: Dtype, eps: number): Layer {
  const channels = sampleShape[0]!;
  const spatial = product(sampleShape.slice(1));
  return createNormLayer({ name, kind: "groupnorm", sampleShape, channels, spatial, groups, affineShape: [channels] }, maxBatch, dtype, eps);
}

/**
 * torch.nn.LayerNorm(sampleShape) (Ba, Kiros & Hinton 2016): every sample normalized over all its values,
 * with γ and β per value. That is GroupNorm with one group whose "channels" are the single values.
 */
export function createLayerNorm(name: string, sampleShape: number[], maxBatch: number, dtype: Dtype, eps: number): Layer {
  const values = product(sampleShape);
  return createNormLayer({ name, kind: "layernorm", sampleShape, channels: values, spatial: 1, groups: 1, affineShape: sampleShape }, maxBatch, dtype, eps);
}
