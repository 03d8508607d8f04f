import { BnError } from "./errors";
import type { Framework } from "./types";

export type PytorchBatchNormLayer = "BatchNorm1d" | "BatchNorm2d" | "BatchNorm3d";
export type PytorchInstanceNormLayer = "InstanceNorm1d" | "InstanceNorm2d" | "InstanceNorm3d";

export type NormLayerSpec =
  | { layer: PytorchBatchNormLayer; numFeatures: number; affine?: boolean; trackRunningStats?: boolean }
  | { layer: PytorchInstanceNormLayer; numFeatures: number; affine?: boolean; trackRunningStats?: boolean }
  | { layer: "LayerNorm"; normalizedShape: number | readonly number[]; elementwiseAffine?: boolean }
  | { layer: "RMSNorm"; normalizedShape: number | readonly number[]; elementwiseAffine?: boolean }
  | { layer: "GroupNorm"; numGroups: number; numChannels: number; affine?: boolean }
  | { layer: "LocalResponseNorm"; size: number }
  | { layer: "BatchNormalization"; features: number; center?: boolean; scale?: boolean }
  | { layer: "LayerNormalization"; features: number; center?: boolean; scale?: boolean }
  | { layer: "RMSNormalization"; features: number }
  | {
      layer: "GroupNormalization";
      features: number;
      /** Default 32; -1 means one group per channel. */
      groups?: number;
      center?: boolean;
      scale?: boolean;
    }
  /** Not normalization layers: the conv or linear layer in front of a BN, to count its weight and bias. */
  | { layer: "Conv2d"; inChannels: number; outChannels: number; kernelSize: number | readonly [number, number]; bias?: boolean }
  | { layer: "Linear"; inFeatures: number; outFeatures: number; bias?: boolean };

export type NormLayerName = NormLayerSpec["layer"];

/** Every layer countParams knows, spelled as each framework spells it. */
export const PYTORCH_LAYERS = [
  "BatchNorm1d",
  "BatchNorm2d",
  "BatchNorm3d",
  "LayerNorm",
  "GroupNorm",
  "InstanceNorm1d",
  "InstanceNorm2d",
  "InstanceNorm3d",
  "LocalResponseNorm",
  "RMSNorm",
  "Conv2d",
  "Linear",
] as const satisfies readonly NormLayerName[];
export const KERAS_LAYERS = [
  "BatchNormalization",
  "LayerNormalization",
  "GroupNormalization",
  "RMSNormalization",
] as const satisfies readonly NormLayerName[];

export interface ParamTensor {
  name: string;
  shape: number[];
  kind: "parameter" | "buffer" | "non-trainable";
}

export interface ParamCount {
  framework: Framework;
  layer: NormLayerName;
  trainable: number;
  /** Keras non-trainable weights (moving statistics); 0 for PyTorch, whose statistics are buffers. */
  nonTrainable: number;
  /** PyTorch buffer elements (num_batches_tracked counts 1); 0 for Keras. */
  buffers: number;
  /** PyTorch sum(p.numel() for p in parameters()); Keras summary() "Total params". */
  reportedTotal: number;
  tensors: ParamTensor[];
}

function positiveInteger(value: unknown, name: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value <= 0) {
    throw new BnError("bad_size", `${name} must be a positive integer, got ${String(value)}`, [name]);
  }
  return value;
}

function normalizedDims(normalizedShape: number | readonly number[]): number[] {
  const dims = typeof normalizedShape === "number" ? [normalizedShape] : Array.from(normalizedShape);
  if (dims.length === 0) throw new BnError("bad_size", "normalizedShape must not be empty", ["normalizedShape"]);
  dims.forEach((dim, axis) => positiveInteger(dim, `normalizedShape[${axis}]`));
  return dims;
}

function numel(shape: readonly number[]): number {
  return shape.reduce((product, dim) => product * dim, 1);
}

function pytorchCount(layer: NormLayerName, parameters: ParamTensor[], buffers: ParamTensor[]): ParamCount {
  const trainable = parameters.reduce((sum, tensor) => sum + numel(tensor.shape), 0);
  return {
    framework: "pytorch",
    layer,
    trainable,
    nonTrainable: 0,
    buffers: buffers.reduce((sum, tensor) => sum + numel(tensor.shape), 0),
    reportedTotal: trainable,
    tensors: [...parameters, ...buffers],
  };
}

function affineParameters(shape: number[]): ParamTensor[] {
  return [
    { name: "weight", shape, kind: "parameter" },
    { name: "bias", shape: shape.slice(), kind: "parameter" },
  ];
}

// torch/nn/modules/batchnorm.py v1.13 _NormBase: num_batches_tracked is a 0-dim int64 buffer.
function runningBuffers(channels: number): ParamTensor[] {
  return [
    { name: "running_mean", shape: [channels], kind: "buffer" },
    { name: "running_var", shape: [channels], kind: "buffer" },
    { name: "num_batches_tracked", shape: [], kind: "buffer" },
  ];
}

function kerasCount(layer: NormLayerName, features: number, center: boolean, scale: boolean, moving: boolean): ParamCount {
  // keras/src/layers/normalization/*.py build(): gamma is created only with scale, beta only with center;
  // BatchNormalization adds moving_mean/moving_variance with trainable=False.
  const tensors: ParamTensor[] = [];
  if (scale) tensors.push({ name: "gamma", shape: [features], kind: "parameter" });
  if (center) tensors.push({ name: "beta", shape: [features], kind: "parameter" });
  if (moving) {
    tensors.push({ name: "moving_mean", shape: [features], kind: "non-trainable" });
    tensors.push({ name: "moving_variance", shape: [features], kind: "non-trainable" });
  }
  const trainable = tensors.filter((t) => t.kind === "parameter").length * features;
  const nonTrainable = tensors.filter((t) => t.kind === "non-trainable").length * features;
  return { framework: "keras", layer, trainable, nonTrainable, buffers: 0, reportedTotal: trainable + nonTrainable, tensors };
}

/** Parameter and buffer counts as PyTorch (parameters(), named_buffers()) and Keras 3 (summary()) report them. */
export function countParams(spec: NormLayerSpec): ParamCount {
  switch (spec.layer) {
    case "BatchNorm1d":
    case "BatchNorm2d":
    case "BatchNorm3d":
    case "InstanceNorm1d":
    case "InstanceNorm2d":
    case "InstanceNorm3d": {
      const channels = positiveInteger(spec.numFeatures, "numFeatures");
      // batchnorm.py v1.13 defaults affine=True, track_running_stats=True; instancenorm.py v1.13 both False.
      const isBatchNorm = spec.layer.startsWith("BatchNorm");
      const affine = spec.affine ?? isBatchNorm;
      const tracks = spec.trackRunningStats ?? isBatchNorm;
      return pytorchCount(spec.layer, affine ? affineParameters([channels]) : [], tracks ? runningBuffers(channels) : []);
    }
    case "LayerNorm": {
      const dims = normalizedDims(spec.normalizedShape);
      // torch/nn/modules/normalization.py v1.13: no bias flag yet, weight and bias both take normalized_shape.
      return pytorchCount(spec.layer, (spec.elementwiseAffine ?? true) ? affineParameters(dims) : [], []);
    }
    case "RMSNorm": {
      const shape = normalizedDims(spec.normalizedShape);
      // torch.nn.RMSNorm docs (2.4+): elementwise_affine=True gives a weight of shape normalized_shape, no bias.
      return pytorchCount(spec.layer, (spec.elementwiseAffine ?? true) ? [{ name: "weight", shape, kind: "parameter" }] : [], []);
    }
    case "Conv2d": {
      const inChannels = positiveInteger(spec.inChannels, "inChannels");
      const outChannels = positiveInteger(spec.outChannels, "outChannels");
      const [kh, kw] = typeof spec.kernelSize === "number" ? [spec.kernelSize, spec.kernelSize] : spec.kernelSize;
      positiveInteger(kh, "kernelSize");
      positiveInteger(kw, "kernelSize");
      // torch/nn/modules/conv.py v1.13 _ConvNd: weight (out_channels, in_channels/groups, *kernel_size) and,
      // with bias=True (the default), bias (out_channels,). groups is 1 here.
      const tensors: ParamTensor[] = [{ name: "weight", shape: [outChannels, inChannels, kh!, kw!], kind: "parameter" }];
      if (spec.bias ?? true) tensors.push({ name: "bias", shape: [outChannels], kind: "parameter" });
      return pytorchCount(spec.layer, tensors, []);
    }
    case "Linear": {
      const inFeatures = positiveInteger(spec.inFeatures, "inFeatures");
      const outFeatures = positiveInteger(spec.outFeatures, "outFeatures");
      // torch/nn/modules/linear.py v1.13 Linear: weight (out_features, in_features), bias (out_features,).
      const tensors: ParamTensor[] = [{ name: "weight", shape: [outFeatures, inFeatures], kind: "parameter" }];
      if (spec.bias ?? true) tensors.push({ name: "bias", shape: [outFeatures], kind: "parameter" });
      return pytorchCount(spec.layer, tensors, []);
    }
    case "GroupNorm": {
      const groups = positiveInteger(spec.numGroups, "numGroups");
      const channels = positiveInteger(spec.numChannels, "numChannels");
      if (channels % groups !== 0) {
        // normalization.py v1.13 GroupNorm.__init__ wording.
        throw new BnError("groups_not_dividing", "num_channels must be divisible by num_groups", ["numGroups"]);
      }
      return pytorchCount(spec.layer, (spec.affine ?? true) ? affineParameters([channels]) : [], []);
    }
    case "LocalResponseNorm":
      positiveInteger(spec.size, "size");
      return pytorchCount(spec.layer, [], []);
    case "BatchNormalization":
    case "LayerNormalization": {
      const features = positiveInteger(spec.features, "features");
      return kerasCount(spec.layer, features, spec.center ?? true, spec.scale ?? true, spec.layer === "BatchNormalization");
    }
    case "RMSNormalization": {
      const features = positiveInteger(spec.features, "features");
      // keras/src/layers/normalization/rms_normalization.py build(): one "scale" weight (ones) over the axis,
      // always created and trainable; no offset, no moving statistics.
      return {
        framework: "keras",
        layer: spec.layer,
        trainable: features,
        nonTrainable: 0,
        buffers: 0,
        reportedTotal: features,
        tensors: [{ name: "scale", shape: [features], kind: "parameter" }],
      };
    }
    case "GroupNormalization": {
      const features = positiveInteger(spec.features, "features");
      // keras/src/layers/normalization/group_normalization.py build(): groups defaults to 32, -1 means one
      // group per channel; the messages are Keras's own (its "multiple" wording is inverted).
      const groups = spec.groups === -1 ? features : positiveInteger(spec.groups ?? 32, "groups");
      if (features < groups) {
        throw new BnError(
          "groups_not_dividing",
          `Number of groups (${groups}) cannot be more than the number of channels (${features}).`,
          ["groups"],
        );
      }
      if (features % groups !== 0) {
        throw new BnError(
          "groups_not_dividing",
          `Number of groups (${groups}) must be a multiple of the number of channels (${features}).`,
          ["groups"],
        );
      }
      return kerasCount(spec.layer, features, spec.center ?? true, spec.scale ?? true, false);
    }
    default: {
      const unknown: { layer?: unknown } = spec;
      throw new BnError("bad_value", `unknown layer ${String(unknown.layer)}`, ["layer"]);
    }
  }
}
