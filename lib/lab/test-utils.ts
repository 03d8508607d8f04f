import { expect } from "vitest";

export interface Tolerance {
  /** Allowed |actual − expected| relative to |expected|. */
  relative: number;
  /** Floor for values near zero (e.g. the gradient of a bias that BatchNorm cancels). */
  absolute: number;
}

/** |actual − expected| ≤ absolute + relative·|expected| element by element (numpy.allclose's rule). */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: Tolerance, label = ""): void {
  expect(actual.length, `${label} length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const allowed = tolerance.absolute + tolerance.relative * Math.abs(expected[i]!);
    if (!(Math.abs(actual[i]! - expected[i]!) <= allowed)) {
      expect.fail(`${label}[${i}]: got ${actual[i]}, expected ${expected[i]} (±${allowed.toPrecision(3)})`);
    }
  }
}

/** The largest |actual − expected| / max(|expected|, floor) — for reporting how close two runs are. */
export function worstRelativeError(actual: ArrayLike<number>, expected: ArrayLike<number>, floor: number): number {
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!) / Math.max(Math.abs(expected[i]!), floor));
  }
  return worst;
}

/** Same numbers bit for bit (Object.is: NaN equals NaN, 0 differs from −0). */
export function expectBitIdentical(actual: ArrayLike<number>, expected: ArrayLike<number>, label = ""): void {
  expect(actual.length, `${label} length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) expect.fail(`${label}[${i}]: ${actual[i]} is not bit-identical to ${expected[i]}`);
  }
}

export function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return expect.fail("expected the call to throw");
}
