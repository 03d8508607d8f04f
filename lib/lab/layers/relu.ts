import { allocate, product, type Dtype, type FloatArray, type Layer } from "./types";

/** y = max(0, x). */
export function reluForward(x: FloatArray, count: number, out: FloatArray): void {
  for (let i = 0; i < count; i++) out[i] = x[i]! > 0 ? x[i]! : 0;
}

/** dx = dy where y > 0, else 0 — ATen's threshold_backward(grad, output, 0), so the kink at 0 gets 0. */
export function reluBackward(output: FloatArray, gradOutput: FloatArray, count: number, gradInput: FloatArray): void {
  for (let i = 0; i < count; i++) gradInput[i] = output[i]! > 0 ? gradOutput[i]! : 0;
}

export function createRelu(name: string, sampleShape: number[], maxBatch: number, dtype: Dtype): Layer {
  const perSample = product(sampleShape);
  const output = allocate(dtype, maxBatch * perSample);
  const gradInput = allocate(dtype, maxBatch * perSample);
  return {
    name,
    kind: "relu",
    outputShape: sampleShape,
    params: [],
    forward(x, batch) {
      reluForward(x, batch * perSample, output);
      return output;
    },
    backward(gradOutput, batch, needInputGrad) {
      if (!needInputGrad) return null;
      reluBackward(output, gradOutput, batch * perSample, gradInput);
      return gradInput;
    },
  };
}
