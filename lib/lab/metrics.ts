import type { FloatArray } from "./layers/types";

/**
 * The q-quantile (0 ≤ q ≤ 1) with linear interpolation between order statistics: position q·(m − 1) in the
 * sorted values, numpy.percentile's default "linear" method (Hyndman & Fan 1996, definition 7).
 */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  const fraction = position - below;
  return sorted[below]! + fraction * (sorted[above]! - sorted[below]!);
}

/** One unit's values in a (batch, width, spatial) buffer, sorted ascending. */
export function unitValues(values: FloatArray, batch: number, width: number, spatial: number, unit: number): Float64Array {
  const picked = new Float64Array(batch * spatial);
  for (let n = 0; n < batch; n++) {
    const start = (n * width + unit) * spatial;
    for (let s = 0; s < spatial; s++) picked[n * spatial + s] = values[start + s]!;
  }
  return picked.sort();
}
