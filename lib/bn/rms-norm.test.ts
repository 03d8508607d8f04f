import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rmsNorm, rmsNormDefaultEps } from "./index";
import { catchError, expectAllClose } from "./test-utils";

// Hand-worked from the documented formula, y = x / √(mean(x²) + ε) · γ over the trailing normalized_shape dims
// (torch.nn.RMSNorm docs; Keras keras/src/ops/nn.py _rms_normalization). PyTorch 1.13 has no RMSNorm to run.
describe("rmsNorm", () => {
  it("divides each row by its root mean square: (3, 4) → mean(x²) = 12.5", () => {
    const result = rmsNorm({ input: [3, 4], shape: [1, 2], normalizedShape: 2, eps: 0 });
    expect(result.rows).toBe(1);
    expect(result.valuesPerRow).toBe(2);
    expect(result.meanSquare).toEqual([12.5]);
    expectAllClose(result.output, [3 / Math.sqrt(12.5), 4 / Math.sqrt(12.5)]);
    expectAllClose(result.output, [0.848528137423857, 1.131370849898476]);
  });

  it("multiplies by γ element by element and has no β: a row of zeros stays zero", () => {
    const result = rmsNorm({ input: [3, 4, 0, 0], shape: [2, 2], normalizedShape: [2], eps: 1e-6, weight: [2, 0.5] });
    const inv = 1 / Math.sqrt(12.5 + 1e-6);
    expectAllClose(result.output, [2 * 3 * inv, 0.5 * 4 * inv, 0, 0]);
    expectAllClose(result.invRms, [inv, 1 / Math.sqrt(1e-6)]);
  });

  it("takes the mean square over every trailing dim of normalizedShape, and does not subtract the mean", () => {
    // (2, 2, 2) normalized over [2, 2]: row 0 = 1, 1, 1, 1 (mean 1, still scaled, not zeroed); row 1 = 0, 2, 0, 2.
    const result = rmsNorm({ input: [1, 1, 1, 1, 0, 2, 0, 2], shape: [2, 2, 2], normalizedShape: [2, 2], eps: 0 });
    expect(result.meanSquare).toEqual([1, 2]);
    expectAllClose(result.output, [1, 1, 1, 1, 0, Math.SQRT2, 0, Math.SQRT2]);
  });

  it("defaults ε as each framework documents it", () => {
    expect(rmsNormDefaultEps("pytorch")).toBe(Number.EPSILON);
    expect(rmsNormDefaultEps("keras")).toBe(1e-6);
    expect(rmsNorm({ framework: "keras", input: [1, 2], shape: [2], normalizedShape: 2 }).eps).toBe(1e-6);
    expect(rmsNorm({ input: [1, 2], shape: [2], normalizedShape: 2, eps: null }).eps).toBe(Number.EPSILON);
  });

  it("is unchanged when a row is scaled by a > 0 and ε = 0, and its output has root mean square 1", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 1, maxLength: 12 }).filter((row) => row.some((v) => Math.abs(v) > 1e-3)),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        (row, a) => {
          const shape = [row.length];
          const base = rmsNorm({ input: row, shape, normalizedShape: row.length, eps: 0 });
          const scaled = rmsNorm({ input: row.map((v) => a * v), shape, normalizedShape: row.length, eps: 0 });
          expectAllClose(scaled.output, base.output, 1e-9);
          const rms = Math.sqrt(base.output.reduce((sum, y) => sum + y * y, 0) / row.length);
          expect(rms).toBeCloseTo(1, 9);
        },
      ),
    );
  });

  it("rejects an input that does not end in normalizedShape, and a weight of the wrong size", () => {
    expect(catchError(() => rmsNorm({ input: [1, 2, 3, 4, 5, 6], shape: [2, 3], normalizedShape: 2 }))).toMatchObject({ code: "shape_mismatch" });
    expect(catchError(() => rmsNorm({ input: [1, 2], shape: [1, 2], normalizedShape: 2, weight: [1] }))).toMatchObject({ code: "bad_length", path: ["weight"] });
    expect(catchError(() => rmsNorm({ input: [1, 2, 3], shape: [1, 2], normalizedShape: 2 }))).toMatchObject({ code: "bad_length" });
    expect(catchError(() => rmsNorm({ input: [1], shape: [1], normalizedShape: [] }))).toMatchObject({ code: "bad_size" });
  });
});
