import { allocate, param, type Dtype, type FloatArray, type Layer } from "./types";

export interface LinearShape {
  batch: number;
  inFeatures: number;
  outFeatures: number;
}

// The loops are unrolled by four (four outputs, samples or weight rows at once) so that V8 keeps four
// independent sums in registers; the plain triple loops ran two to four times slower.

/** y = x·Wᵀ + b with W of shape (out, in), as torch.nn.Linear (torch/nn/modules/linear.py v1.13). */
export function linearForward(x: FloatArray, weight: FloatArray, bias: FloatArray, shape: LinearShape, out: FloatArray): void {
  const { batch, inFeatures, outFeatures } = shape;
  for (let n = 0; n < batch; n++) {
    const row = n * inFeatures;
    const outRow = n * outFeatures;
    let o = 0;
    for (; o + 3 < outFeatures; o += 4) {
      const w0 = o * inFeatures;
      const w1 = w0 + inFeatures;
      const w2 = w1 + inFeatures;
      const w3 = w2 + inFeatures;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let i = 0; i < inFeatures; i++) {
        const value = x[row + i]!;
        s0 += value * weight[w0 + i]!;
        s1 += value * weight[w1 + i]!;
        s2 += value * weight[w2 + i]!;
        s3 += value * weight[w3 + i]!;
      }
      out[outRow + o] = bias[o]! + s0;
      out[outRow + o + 1] = bias[o + 1]! + s1;
      out[outRow + o + 2] = bias[o + 2]! + s2;
      out[outRow + o + 3] = bias[o + 3]! + s3;
    }
    for (; o < outFeatures; o++) {
      const w0 = o * inFeatures;
      let sum = 0;
      for (let i = 0; i < inFeatures; i++) sum += x[row + i]! * weight[w0 + i]!;
      out[outRow + o] = bias[o]! + sum;
    }
  }
}

/**
 * ∂loss/∂W = dyᵀ·x, ∂loss/∂b = Σₙ dy, ∂loss/∂x = dy·W (the matrix calculus of y = x·Wᵀ + b). Sums run in
 * float64 and are stored once.
 */
export function linearBackward(
  x: FloatArray,
  weight: FloatArray,
  gradOutput: FloatArray,
  shape: LinearShape,
  gradWeight: FloatArray,
  gradBias: FloatArray,
  gradInput: FloatArray | null,
): void {
  const sums = new Float64Array(shape.inFeatures);
  weightGradient(x, gradOutput, shape, gradWeight, gradBias, sums);
  if (gradInput) inputGradient(weight, gradOutput, shape, gradInput, sums);
}

// Two functions rather than one: V8 compiled the single larger function's loops about 1.6× slower.
function weightGradient(x: FloatArray, gradOutput: FloatArray, shape: LinearShape, gradWeight: FloatArray, gradBias: FloatArray, sums: Float64Array): void {
  const { batch, inFeatures, outFeatures } = shape;
  for (let o = 0; o < outFeatures; o++) {
    sums.fill(0);
    let biasSum = 0;
    let n = 0;
    for (; n + 3 < batch; n += 4) {
      const g0 = gradOutput[n * outFeatures + o]!;
      const g1 = gradOutput[(n + 1) * outFeatures + o]!;
      const g2 = gradOutput[(n + 2) * outFeatures + o]!;
      const g3 = gradOutput[(n + 3) * outFeatures + o]!;
      biasSum += g0 + g1 + g2 + g3;
      const r0 = n * inFeatures;
      const r1 = r0 + inFeatures;
      const r2 = r1 + inFeatures;
      const r3 = r2 + inFeatures;
      for (let i = 0; i < inFeatures; i++) {
        sums[i] = sums[i]! + g0 * x[r0 + i]! + g1 * x[r1 + i]! + g2 * x[r2 + i]! + g3 * x[r3 + i]!;
      }
    }
    for (; n < batch; n++) {
      const g = gradOutput[n * outFeatures + o]!;
      biasSum += g;
      const r = n * inFeatures;
      for (let i = 0; i < inFeatures; i++) sums[i] = sums[i]! + g * x[r + i]!;
    }
    const row = o * inFeatures;
    for (let i = 0; i < inFeatures; i++) gradWeight[row + i] = sums[i]!;
    gradBias[o] = biasSum;
  }
}

function inputGradient(weight: FloatArray, gradOutput: FloatArray, shape: LinearShape, gradInput: FloatArray, sums: Float64Array): void {
  const { batch, inFeatures, outFeatures } = shape;
  for (let n = 0; n < batch; n++) {
    sums.fill(0);
    const dyRow = n * outFeatures;
    let o = 0;
    for (; o + 3 < outFeatures; o += 4) {
      const g0 = gradOutput[dyRow + o]!;
      const g1 = gradOutput[dyRow + o + 1]!;
      const g2 = gradOutput[dyRow + o + 2]!;
      const g3 = gradOutput[dyRow + o + 3]!;
      const w0 = o * inFeatures;
      const w1 = w0 + inFeatures;
      const w2 = w1 + inFeatures;
      const w3 = w2 + inFeatures;
      for (let i = 0; i < inFeatures; i++) {
        sums[i] = sums[i]! + g0 * weight[w0 + i]! + g1 * weight[w1 + i]! + g2 * weight[w2 + i]! + g3 * weight[w3 + i]!;
      }
    }
    for (; o < outFeatures; o++) {
      const g = gradOutput[dyRow + o]!;
      const w0 = o * inFeatures;
      for (let i = 0; i < inFeatures; i++) sums[i] = sums[i]! + g * weight[w0 + i]!;
    }
    const row = n * inFeatures;
    for (let i = 0; i < inFeatures; i++) gradInput[row + i] = sums[i]!;
  }
}

export function createLinear(name: string, inFeatures: number, outFeatures: number, maxBatch: number, dtype: Dtype): Layer {
  const weight = param(`${name}.weight`, [outFeatures, inFeatures], dtype);
  const bias = param(`${name}.bias`, [outFeatures], dtype);
  const output = allocate(dtype, maxBatch * outFeatures);
  const gradInput = allocate(dtype, maxBatch * inFeatures);
  let input: FloatArray = output;
  return {
    name,
    kind: "linear",
    outputShape: [outFeatures],
    params: [weight, bias],
    forward(x, batch) {
      input = x;
      linearForward(x, weight.value, bias.value, { batch, inFeatures, outFeatures }, output);
      return output;
    },
    backward(gradOutput, batch, needInputGrad) {
      const shape = { batch, inFeatures, outFeatures };
      const dx = needInputGrad ? gradInput : null;
      linearBackward(input, weight.value, gradOutput, shape, weight.grad, bias.grad, dx);
      return dx;
    },
  };
}
