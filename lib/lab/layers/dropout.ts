import type { Random } from "../random";
import { allocate, product, type Dtype, type FloatArray, type Layer } from "./types";

/** Inverted dropout (Srivastava et al. 2014, as torch.nn.Dropout): y = x·mask/(1 − p), mask ∈ {0, 1}. */
export function dropoutForward(x: FloatArray, mask: Uint8Array, rate: number, count: number, out: FloatArray): void {
  const scale = 1 / (1 - rate);
  for (let i = 0; i < count; i++) out[i] = mask[i] ? x[i]! * scale : 0;
}

export function dropoutBackward(gradOutput: FloatArray, mask: Uint8Array, rate: number, count: number, gradInput: FloatArray): void {
  const scale = 1 / (1 - rate);
  for (let i = 0; i < count; i++) gradInput[i] = mask[i] ? gradOutput[i]! * scale : 0;
}

/** Each value is kept with probability 1 − rate, from the run's dropout stream. */
export function drawMask(mask: Uint8Array, rate: number, count: number, random: Random): void {
  for (let i = 0; i < count; i++) mask[i] = random() >= rate ? 1 : 0;
}

/** Identity in eval mode; in training a fresh mask per forward pass. */
export function createDropout(name: string, rate: number, sampleShape: number[], maxBatch: number, dtype: Dtype, random: Random): Layer {
  const perSample = product(sampleShape);
  const output = allocate(dtype, maxBatch * perSample);
  const gradInput = allocate(dtype, maxBatch * perSample);
  const mask = new Uint8Array(maxBatch * perSample);
  let training = false;
  return {
    name,
    kind: "dropout",
    outputShape: sampleShape,
    params: [],
    forward(x, batch, isTraining) {
      training = isTraining;
      if (!training) return x;
      drawMask(mask, rate, batch * perSample, random);
      dropoutForward(x, mask, rate, batch * perSample, output);
      return output;
    },
    backward(gradOutput, batch, needInputGrad) {
      if (!needInputGrad) return null;
      if (!training) return gradOutput;
      dropoutBackward(gradOutput, mask, rate, batch * perSample, gradInput);
      return gradInput;
    },
  };
}
