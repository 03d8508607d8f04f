import { allocate, product, type Dtype, type FloatArray, type Layer } from "./types";

/** (N, C, H, W) → (N, C): the mean over each H×W plane (torch.nn.AdaptiveAvgPool2d(1) then flatten). */
export function globalAvgPoolForward(x: FloatArray, rows: number, plane: number, out: FloatArray): void {
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    for (let p = r * plane; p < (r + 1) * plane; p++) sum += x[p]!;
    out[r] = sum / plane;
  }
}

/** Every value of a plane gets its mean's gradient divided by H·W. */
export function globalAvgPoolBackward(gradOutput: FloatArray, rows: number, plane: number, gradInput: FloatArray): void {
  for (let r = 0; r < rows; r++) {
    const share = gradOutput[r]! / plane;
    gradInput.fill(share, r * plane, (r + 1) * plane);
  }
}

export function createGlobalAvgPool(name: string, [channels, height, width]: number[], maxBatch: number, dtype: Dtype): Layer {
  const plane = height! * width!;
  const output = allocate(dtype, maxBatch * channels!);
  const gradInput = allocate(dtype, maxBatch * channels! * plane);
  return {
    name,
    kind: "avgpool",
    outputShape: [channels!],
    params: [],
    forward(x, batch) {
      globalAvgPoolForward(x, batch * channels!, plane, output);
      return output;
    },
    backward(gradOutput, batch, needInputGrad) {
      if (!needInputGrad) return null;
      globalAvgPoolBackward(gradOutput, batch * channels!, plane, gradInput);
      return gradInput;
    },
  };
}

/** (N, C, H, W) → (N, C·H·W): row-major storage is already flat, so values pass through untouched. */
export function createFlatten(name: string, sampleShape: number[]): Layer {
  return {
    name,
    kind: "flatten",
    outputShape: [product(sampleShape)],
    params: [],
    forward: (x) => x,
    backward: (gradOutput, _batch, needInputGrad) => (needInputGrad ? gradOutput : null),
  };
}
