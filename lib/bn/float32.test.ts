import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BnError, forward } from "./index";
import { batchMomentsInto } from "./kernels";
import { referenceForward } from "./reference";
import { catchError, expectAllClose } from "./test-utils";

const product = (dims: readonly number[]) => dims.reduce((a, b) => a * b, 1);

/** (N, C, …) shapes up to rank 4 with at least two values per channel, and float32-representable values. */
const sample = fc
  .array(fc.integer({ min: 1, max: 5 }), { minLength: 2, maxLength: 4 })
  .filter((shape) => shape[0]! * product(shape.slice(2)) >= 2)
  .chain((shape) =>
    fc.record({
      shape: fc.constant(shape),
      input: fc.array(fc.float({ min: -50, max: 50, noNaN: true, noDefaultInfinity: true }), {
        minLength: product(shape),
        maxLength: product(shape),
      }),
      offset: fc.constantFrom(0, 1000),
      mode: fc.constantFrom("train" as const, "eval" as const),
    }),
  );

describe("forward, dtype float32", () => {
  it("computes in float64 from the float32 values and rounds each output once", () => {
    fc.assert(
      fc.property(sample, ({ shape, input, offset, mode }) => {
        const values = Float32Array.from(input, (value) => value + offset);
        const channels = shape[1]!;
        const gamma = Array.from({ length: channels }, (_, c) => 0.5 + c / 4);
        const beta = Array.from({ length: channels }, (_, c) => c / 3 - 1);
        const runningMean = new Array<number>(channels).fill(offset);
        const runningVar = new Array<number>(channels).fill(4);
        const args = { framework: "pytorch", mode, shape, gamma, beta, runningMean, runningVar } as const;
        const single = forward({ ...args, input: values, dtype: "float32" });
        const double = forward({ ...args, input: Array.from(values) });
        expect(single.output).toBeInstanceOf(Float32Array);
        expect(single.xHat).toBeInstanceOf(Float32Array);
        expect(single.dtype).toBe("float32");
        expectAllClose(single.batchMean, double.batchMean, 1e-12);
        expectAllClose(single.batchVar, double.batchVar, 1e-9);
        expectAllClose(single.running!.varAfter, double.running!.varAfter, 1e-9);
        double.output.forEach((y, i) => {
          // Half a float32 ulp from rounding, plus float64 noise in the statistics.
          const allowed = 2 ** -24 * Math.abs(y) + 1e-9 * Math.max(1, Math.abs(y));
          if (!(Math.abs(single.output[i]! - y) <= allowed)) expect.fail(`output[${i}]: ${single.output[i]} vs ${y}`);
        });
      }),
      { numRuns: 200 },
    );
  });

  it("writes into a reused Float32Array and keeps the float64 result type by default", () => {
    const out = new Float32Array(4);
    const result = forward({ framework: "pytorch", mode: "train", input: [1, 2, 3, 4], shape: [4, 1], dtype: "float32", out });
    expect(result.output).toBe(out);
    // [Ioffe] Alg. 1 by hand: mean 2.5, biased variance 1.25, x̂ = (x − 2.5)/√(1.25 + 1e-5).
    expectAllClose(out, [-1.5, -0.5, 0.5, 1.5].map((d) => Math.fround(d / Math.sqrt(1.25 + 1e-5))), 0);
    expect(forward({ framework: "pytorch", mode: "train", input: [1, 2, 3, 4], shape: [4, 1] }).output).toBeInstanceOf(Float64Array);
  });

  it("rejects a wrong dtype, an out of the other dtype and non-finite input with a path", () => {
    const args = { framework: "pytorch", mode: "train", input: [1, 2, 3, 4], shape: [4, 1] } as const;
    expect(catchError(() => forward({ ...args, dtype: "float16" as "float32" }))).toMatchObject({ code: "bad_value", path: ["dtype"] });
    expect(catchError(() => forward({ ...args, dtype: "float32", out: new Float64Array(4) as unknown as Float32Array }))).toMatchObject({
      code: "bad_length",
      path: ["out"],
    });
    const error = catchError(() => forward({ ...args, input: [1, Number.NaN, 3, 4], dtype: "float32" }));
    expect(error).toBeInstanceOf(BnError);
    expect(error).toMatchObject({ code: "bad_value", path: ["input", 1] });
  });
});

describe("batchMomentsInto", () => {
  it("matches a two-pass mean and variance even far from zero (shifted-data algorithm)", () => {
    fc.assert(
      fc.property(sample, fc.constantFrom(0, 1e6, -3e8), ({ shape, input }, offset) => {
        const x = Float64Array.from(input, (value) => value / 7 + offset);
        const layout = { batch: shape[0]!, channels: shape[1]!, spatial: product(shape.slice(2)) };
        const mean = new Float64Array(layout.channels);
        const squares = new Float64Array(layout.channels);
        batchMomentsInto(x, layout, mean, squares);
        const reference = referenceForward(x, shape, {
          framework: "pytorch",
          training: true,
          eps: 1e-5,
          momentum: 0.1,
          gamma: null,
          beta: null,
          runningMean: null,
          runningVar: null,
          numBatchesTracked: null,
        });
        const count = layout.batch * layout.spatial;
        expectAllClose(mean, reference.mean, 1e-14);
        reference.biasedVar.forEach((variance, c) => {
          // Relative to the spread, not to the offset: a channel of 1e6 + small noise keeps its variance to
          // many digits. The last term is the reference's own rounding of its mean, (a few ulp of offset)².
          const allowed = 1e-9 * Math.max(variance, 1e-6) + (offset * 2 ** -50) ** 2;
          expect(Math.abs(squares[c]! / count - variance)).toBeLessThanOrEqual(allowed);
        });
      }),
      { numRuns: 200 },
    );
  });
});
