export interface Histogram {
  min: number;
  max: number;
  counts: number[];
}

export interface TensorSummary {
  count: number;
  min: number;
  max: number;
  mean: number;
  /** Population standard deviation (divide by count). */
  std: number;
  head: number[];
  histogram: Histogram;
}

/** Counts values into `bins` equal-width bins between their min and max (one bin when all are equal). */
export function histogram(values: ArrayLike<number>, bins = 40): Histogram {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  if (values.length === 0) return { min: 0, max: 0, counts: [] };
  const binCount = min === max ? 1 : bins;
  const counts = new Array<number>(binCount).fill(0);
  const width = (max - min) / binCount;
  for (let i = 0; i < values.length; i++) {
    const bin = width === 0 ? 0 : Math.min(binCount - 1, Math.floor((values[i]! - min) / width));
    counts[bin]!++;
  }
  return { min, max, counts };
}

/** What a large tensor is shown as instead of its values. */
export function summarize(values: ArrayLike<number>, headLength = 8, bins = 40): TensorSummary {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  const mean = values.length ? sum / values.length : 0;
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += (values[i]! - mean) ** 2;
  const hist = histogram(values, bins);
  return {
    count: values.length,
    min: hist.min,
    max: hist.max,
    mean,
    std: values.length ? Math.sqrt(squares / values.length) : 0,
    head: Array.from({ length: Math.min(headLength, values.length) }, (_, i) => values[i]!),
    histogram: hist,
  };
}

/** Prints a small tensor with nested brackets, as NumPy and PyTorch do. */
export function formatTensor(values: ArrayLike<number>, shape: readonly number[], format: (value: number) => string): string {
  const strides = shape.map((_, axis) => shape.slice(axis + 1).reduce((product, dim) => product * dim, 1));
  const cells = Array.from({ length: values.length }, (_, i) => format(values[i]!));
  const width = cells.reduce((widest, cell) => Math.max(widest, cell.length), 0);
  function print(axis: number, offset: number, indent: string): string {
    const dim = shape[axis]!;
    if (axis === shape.length - 1) {
      return `[${Array.from({ length: dim }, (_, i) => cells[offset + i]!.padStart(width)).join(", ")}]`;
    }
    const separator = `,${"\n".repeat(shape.length - axis - 1)}${indent} `;
    return `[${Array.from({ length: dim }, (_, i) => print(axis + 1, offset + i * strides[axis]!, `${indent} `)).join(separator)}]`;
  }
  return print(0, 0, "");
}
