import type { Dtype, FloatArray } from "@/lib/bn";

export type { Dtype, FloatArray };

export type LayerKind =
  | "linear"
  | "conv2d"
  | "relu"
  | "batchnorm"
  | "groupnorm"
  | "layernorm"
  | "dropout"
  | "avgpool"
  | "flatten";

/** A trainable tensor and its gradient, named as PyTorch's state_dict would name it ("fc1.weight"). */
export interface Param {
  name: string;
  shape: number[];
  value: FloatArray;
  grad: FloatArray;
}

/**
 * One layer of a network for a fixed largest batch. Buffers are allocated once; forward and backward
 * work on the first `batch` samples, so a smaller last batch or an evaluation chunk costs no allocation.
 * forward keeps what backward needs until the next forward.
 */
export interface Layer {
  name: string;
  kind: LayerKind;
  /** Shape of one sample's output. */
  outputShape: number[];
  params: Param[];
  forward(input: FloatArray, batch: number, training: boolean): FloatArray;
  /** Fills the params' gradients; returns ∂loss/∂input, or null when `needInputGrad` is false. */
  backward(gradOutput: FloatArray, batch: number, needInputGrad: boolean): FloatArray | null;
}

export function allocate(dtype: Dtype, length: number): FloatArray {
  return dtype === "float32" ? new Float32Array(length) : new Float64Array(length);
}

export function product(dims: readonly number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

export function param(name: string, shape: number[], dtype: Dtype): Param {
  const size = product(shape);
  return { name, shape, value: allocate(dtype, size), grad: allocate(dtype, size) };
}
