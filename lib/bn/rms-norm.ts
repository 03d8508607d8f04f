import { BnError } from "./errors";
import type { Framework } from "./types";

export interface RmsNormArgs {
  framework?: Framework;
  /** Flat row-major values of a tensor whose trailing dims are `normalizedShape`. */
  input: ArrayLike<number>;
  shape: readonly number[];
  /**
   * PyTorch `normalized_shape`: the trailing dims the mean square is taken over. Keras normalizes over its
   * `axis` (default -1, the last dim); for the trailing axes the two are the same thing.
   */
  normalizedShape: number | readonly number[];
  /** ε inside the square root. Default: PyTorch None, Keras 1e-6 (see rmsNormDefaultEps). */
  eps?: number | null;
  /** γ (PyTorch `weight`, Keras `scale`), shaped like normalizedShape; default ones. null = no γ. */
  weight?: ArrayLike<number> | null;
}

export interface RmsNormResult {
  framework: Framework;
  shape: number[];
  normalizedShape: number[];
  eps: number;
  /** How many rows were normalized, and how many values each row has (∏ normalizedShape). */
  rows: number;
  valuesPerRow: number;
  /** Per row: mean(x²) and 1/√(mean(x²) + ε). */
  meanSquare: number[];
  invRms: number[];
  output: Float64Array;
}

/**
 * PyTorch's default (`eps=None`) is torch.finfo(x.dtype).eps (torch.nn.RMSNorm docs); this engine computes
 * in float64, so that is Number.EPSILON here (float32 inputs would get 1.19e-7). Keras 3
 * keras/src/layers/normalization/rms_normalization.py defaults epsilon to 1e-6.
 */
export function rmsNormDefaultEps(framework: Framework): number {
  return framework === "keras" ? 1e-6 : Number.EPSILON;
}

function dims(normalizedShape: number | readonly number[]): number[] {
  const list = typeof normalizedShape === "number" ? [normalizedShape] : Array.from(normalizedShape);
  if (list.length === 0) throw new BnError("bad_size", "normalizedShape must not be empty", ["normalizedShape"]);
  list.forEach((dim, axis) => {
    if (!Number.isInteger(dim) || dim <= 0) {
      throw new BnError("bad_size", `normalizedShape[${axis}] must be a positive integer, got ${String(dim)}`, ["normalizedShape", axis]);
    }
  });
  return list;
}

/**
 * RMSNorm forward: y = x / √(mean(x²) + ε) · γ, the mean taken over the trailing `normalizedShape` dims of each
 * row, with no mean subtraction and no β (torch.nn.RMSNorm docs, "RMS(x) = √(ε + 1/n Σ xᵢ²)"; Keras
 * keras/src/ops/nn.py _rms_normalization: x · rsqrt(mean(square(x)) + ε) · scale; Zhang & Sennrich 2019,
 * arXiv:1910.07467).
 */
export function rmsNorm(args: RmsNormArgs): RmsNormResult {
  const framework = args.framework ?? "pytorch";
  const normalized = dims(args.normalizedShape);
  const shape = Array.from(args.shape);
  shape.forEach((dim, axis) => {
    if (!Number.isInteger(dim) || dim <= 0) throw new BnError("bad_shape", `shape[${axis}] must be a positive integer, got ${String(dim)}`, ["shape", axis]);
  });
  const trailing = shape.slice(shape.length - normalized.length);
  if (shape.length < normalized.length || trailing.some((dim, i) => dim !== normalized[i])) {
    // torch/nn/functional.py rms_norm → the same check as layer_norm: the input must end in normalized_shape.
    throw new BnError(
      "shape_mismatch",
      `input shape (${shape.join(", ")}) does not end in normalizedShape (${normalized.join(", ")})`,
      ["normalizedShape"],
    );
  }
  const size = shape.reduce((product, dim) => product * dim, 1);
  if (args.input.length !== size) {
    throw new BnError("bad_length", `shape (${shape.join(", ")}) needs ${size} values, got ${args.input.length}`, ["input"]);
  }
  const valuesPerRow = normalized.reduce((product, dim) => product * dim, 1);
  const eps = args.eps ?? rmsNormDefaultEps(framework);
  if (!Number.isFinite(eps) || eps < 0) throw new BnError("bad_eps", `eps must be a finite number ≥ 0, got ${String(eps)}`, ["eps"]);
  const weight = args.weight === null ? null : args.weight === undefined ? new Float64Array(valuesPerRow).fill(1) : args.weight;
  if (weight !== null && weight.length !== valuesPerRow) {
    throw new BnError("bad_length", `weight needs ${valuesPerRow} values (normalizedShape), got ${weight.length}`, ["weight"]);
  }

  const rows = size / valuesPerRow;
  const output = new Float64Array(size);
  const meanSquare: number[] = [];
  const invRms: number[] = [];
  for (let row = 0; row < rows; row++) {
    const start = row * valuesPerRow;
    let squares = 0;
    for (let i = 0; i < valuesPerRow; i++) squares += args.input[start + i]! ** 2;
    const meanSq = squares / valuesPerRow;
    const inv = 1 / Math.sqrt(meanSq + eps);
    meanSquare.push(meanSq);
    invRms.push(inv);
    for (let i = 0; i < valuesPerRow; i++) output[start + i] = args.input[start + i]! * inv * (weight === null ? 1 : weight[i]!);
  }
  return { framework, shape, normalizedShape: normalized, eps, rows, valuesPerRow, meanSquare, invRms, output };
}
