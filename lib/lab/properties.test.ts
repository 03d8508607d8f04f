import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createBatchNorm } from "./layers/batch-norm";
import { createGroupNorm, createLayerNorm } from "./layers/group-norm";
import { expectClose } from "./test-utils";

const product = (dims: readonly number[]) => dims.reduce((a, b) => a * b, 1);

/** A batch of (C) or (C, H, W) samples with values in ±limit, plus a constant offset per tensor. */
function batchOf(minBatch: number) {
  return fc
    .record({
      batch: fc.integer({ min: minBatch, max: 6 }),
      sampleShape: fc.oneof(
        fc.tuple(fc.integer({ min: 1, max: 5 })).map((shape) => [...shape]),
        fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })).map((shape) => [...shape]),
      ),
      offset: fc.double({ min: -100, max: 100, noNaN: true }),
    })
    .chain(({ batch, sampleShape, offset }) =>
      fc.record({
        batch: fc.constant(batch),
        sampleShape: fc.constant(sampleShape),
        input: fc
          .array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: batch * product(sampleShape), maxLength: batch * product(sampleShape) })
          .map((values) => Float64Array.from(values, (value) => value + offset)),
      }),
    );
}

describe("normalization properties", () => {
  it("BatchNorm in training (γ = 1, β = 0) gives every channel mean 0 and variance σ²/(σ² + ε) ≈ 1", () => {
    fc.assert(
      fc.property(batchOf(2), ({ batch, sampleShape, input }) => {
        const [channels, ...rest] = sampleShape as [number, ...number[]];
        const spatial = product(rest);
        fc.pre(batch * spatial >= 2);
        const layer = createBatchNorm("bn", sampleShape, batch, "float64", { momentum: 0.1, eps: 1e-5, frozen: false });
        const output = layer.forward(input, batch, true);
        for (let c = 0; c < channels; c++) {
          const values: number[] = [];
          const raw: number[] = [];
          for (let n = 0; n < batch; n++) {
            for (let s = 0; s < spatial; s++) {
              values.push(output[(n * channels + c) * spatial + s]!);
              raw.push(input[(n * channels + c) * spatial + s]!);
            }
          }
          const mean = values.reduce((a, b) => a + b, 0) / values.length;
          const variance = values.reduce((sum, y) => sum + (y - mean) ** 2, 0) / values.length;
          const rawMean = raw.reduce((a, b) => a + b, 0) / raw.length;
          const sigma2 = raw.reduce((sum, x) => sum + (x - rawMean) ** 2, 0) / raw.length;
          expect(Math.abs(mean)).toBeLessThan(1e-9);
          expect(Math.abs(variance - sigma2 / (sigma2 + 1e-5))).toBeLessThan(1e-9);
          // ≈ 1 unless the channel barely varies: 1 − σ²/(σ² + ε) = ε/(σ² + ε).
          expect(Math.abs(variance - 1)).toBeLessThanOrEqual(1e-5 / (sigma2 + 1e-5) + 1e-9);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("GroupNorm with one group equals LayerNorm over (C, H, W), forward and backward (γ = 1, β = 0)", () => {
    fc.assert(
      fc.property(batchOf(1), fc.integer({ min: 1, max: 1000 }), ({ batch, sampleShape, input }, seed) => {
        fc.pre(product(sampleShape) >= 2);
        const groupNorm = createGroupNorm("gn", sampleShape, 1, batch, "float64", 1e-5);
        const layerNorm = createLayerNorm("ln", sampleShape, batch, "float64", 1e-5);
        expectClose(groupNorm.forward(input, batch, true), layerNorm.forward(input, batch, true), { relative: 1e-12, absolute: 1e-12 }, "y");
        const gradOutput = Float64Array.from(input, (_, i) => Math.sin(seed + i));
        expectClose(
          groupNorm.backward(gradOutput, batch, true)!,
          layerNorm.backward(gradOutput, batch, true)!,
          { relative: 1e-9, absolute: 1e-12 },
          "dx",
        );
      }),
      { numRuns: 200 },
    );
  });
});
