import { allocate, param, type Dtype, type FloatArray, type Layer } from "./types";

export interface ConvShape {
  batch: number;
  inChannels: number;
  outChannels: number;
  height: number;
  width: number;
}

const KERNEL = 3;
const TAPS = KERNEL * KERNEL;

/** Rows (or columns) y of the output whose input row y + k − 1 lies inside the image, for kernel offset k:
 * the zero padding of 1 contributes nothing, so those taps are skipped. */
function validRange(k: number, size: number): [number, number] {
  return [Math.max(0, 1 - k), Math.min(size, size + 1 - k)];
}

/**
 * 3×3 convolution, stride 1, zero padding 1 (the output keeps H×W), as torch.nn.Conv2d(in, out, 3,
 * padding=1) computes it — a cross-correlation: y[n,o,i,j] = b[o] + Σ_c Σ_{ky,kx} W[o,c,ky,kx]·x[n,c,i+ky−1,j+kx−1].
 */
export function conv2dForward(x: FloatArray, weight: FloatArray, bias: FloatArray, shape: ConvShape, out: FloatArray): void {
  const { batch, inChannels, outChannels, height, width } = shape;
  const plane = height * width;
  const sums = new Float64Array(plane);
  for (let n = 0; n < batch; n++) {
    for (let o = 0; o < outChannels; o++) {
      sums.fill(bias[o]!);
      for (let c = 0; c < inChannels; c++) {
        const inputPlane = (n * inChannels + c) * plane;
        const taps = (o * inChannels + c) * TAPS;
        for (let ky = 0; ky < KERNEL; ky++) {
          const [rowStart, rowEnd] = validRange(ky, height);
          for (let kx = 0; kx < KERNEL; kx++) {
            const w = weight[taps + ky * KERNEL + kx]!;
            const [columnStart, columnEnd] = validRange(kx, width);
            const shift = (ky - 1) * width + (kx - 1);
            for (let i = rowStart; i < rowEnd; i++) {
              const rowOffset = i * width;
              for (let j = columnStart; j < columnEnd; j++) {
                sums[rowOffset + j] = sums[rowOffset + j]! + w * x[inputPlane + rowOffset + j + shift]!;
              }
            }
          }
        }
      }
      out.set(sums, (n * outChannels + o) * plane);
    }
  }
}

/**
 * Gradients of conv2dForward: ∂loss/∂W[o,c,ky,kx] = Σ_{n,i,j} dy[n,o,i,j]·x[n,c,i+ky−1,j+kx−1],
 * ∂loss/∂b[o] = Σ dy[n,o,·,·], and ∂loss/∂x, which scatters each dy back through the same taps (a full
 * convolution with the flipped kernel).
 */
export function conv2dBackward(
  x: FloatArray,
  weight: FloatArray,
  gradOutput: FloatArray,
  shape: ConvShape,
  gradWeight: FloatArray,
  gradBias: FloatArray,
  gradInput: FloatArray | null,
): void {
  const { batch, inChannels, outChannels, height, width } = shape;
  const plane = height * width;
  const weightSums = new Float64Array(gradWeight.length);
  for (let o = 0; o < outChannels; o++) {
    let biasSum = 0;
    for (let n = 0; n < batch; n++) {
      const outputPlane = (n * outChannels + o) * plane;
      for (let p = 0; p < plane; p++) biasSum += gradOutput[outputPlane + p]!;
      for (let c = 0; c < inChannels; c++) {
        const inputPlane = (n * inChannels + c) * plane;
        const taps = (o * inChannels + c) * TAPS;
        for (let ky = 0; ky < KERNEL; ky++) {
          const [rowStart, rowEnd] = validRange(ky, height);
          for (let kx = 0; kx < KERNEL; kx++) {
            const [columnStart, columnEnd] = validRange(kx, width);
            const shift = (ky - 1) * width + (kx - 1);
            let sum = 0;
            for (let i = rowStart; i < rowEnd; i++) {
              const rowOffset = i * width;
              for (let j = columnStart; j < columnEnd; j++) {
                sum += gradOutput[outputPlane + rowOffset + j]! * x[inputPlane + rowOffset + j + shift]!;
              }
            }
            weightSums[taps + ky * KERNEL + kx] = weightSums[taps + ky * KERNEL + kx]! + sum;
          }
        }
      }
    }
    gradBias[o] = biasSum;
  }
  gradWeight.set(weightSums);
  if (!gradInput) return;
  const sums = new Float64Array(plane);
  for (let n = 0; n < batch; n++) {
    for (let c = 0; c < inChannels; c++) {
      sums.fill(0);
      for (let o = 0; o < outChannels; o++) {
        const outputPlane = (n * outChannels + o) * plane;
        const taps = (o * inChannels + c) * TAPS;
        for (let ky = 0; ky < KERNEL; ky++) {
          const [rowStart, rowEnd] = validRange(ky, height);
          for (let kx = 0; kx < KERNEL; kx++) {
            const w = weight[taps + ky * KERNEL + kx]!;
            const [columnStart, columnEnd] = validRange(kx, width);
            const shift = (ky - 1) * width + (kx - 1);
            for (let i = rowStart; i < rowEnd; i++) {
              const rowOffset = i * width;
              for (let j = columnStart; j < columnEnd; j++) {
                sums[rowOffset + j + shift] = sums[rowOffset + j + shift]! + w * gradOutput[outputPlane + rowOffset + j]!;
              }
            }
          }
        }
      }
      gradInput.set(sums, (n * inChannels + c) * plane);
    }
  }
}

export function createConv2d(
  name: string,
  inChannels: number,
  outChannels: number,
  [height, width]: [number, number],
  maxBatch: number,
  dtype: Dtype,
): Layer {
  const weight = param(`${name}.weight`, [outChannels, inChannels, KERNEL, KERNEL], dtype);
  const bias = param(`${name}.bias`, [outChannels], dtype);
  const plane = height * width;
  const output = allocate(dtype, maxBatch * outChannels * plane);
  const gradInput = allocate(dtype, maxBatch * inChannels * plane);
  let input: FloatArray = output;
  return {
    name,
    kind: "conv2d",
    outputShape: [outChannels, height, width],
    params: [weight, bias],
    forward(x, batch) {
      input = x;
      conv2dForward(x, weight.value, bias.value, { batch, inChannels, outChannels, height, width }, output);
      return output;
    },
    backward(gradOutput, batch, needInputGrad) {
      const dx = needInputGrad ? gradInput : null;
      const shape = { batch, inChannels, outChannels, height, width };
      conv2dBackward(input, weight.value, gradOutput, shape, weight.grad, bias.grad, dx);
      return dx;
    },
  };
}
