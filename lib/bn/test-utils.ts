import { expect } from "vitest";

/** |actual − expected| ≤ tolerance·max(1, |expected|) element by element, with the index in the message. */
export function expectAllClose(
  actual: ArrayLike<number> | null | undefined,
  expected: ArrayLike<number> | null | undefined,
  tolerance = 1e-12,
): void {
  if (expected == null) {
    expect(actual ?? null).toBeNull();
    return;
  }
  expect(actual, "expected an array").not.toBeNull();
  expect(actual!.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const want: number = expected[i]!;
    const got: number = actual![i]!;
    const allowed = tolerance * Math.max(1, Math.abs(want));
    if (!(Math.abs(got - want) <= allowed)) {
      expect.fail(`index ${i}: got ${got}, expected ${want} (±${allowed})`);
    }
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
