import { describe, expect, it } from "vitest";
import { foldIntoPreceding } from "./index";
import { catchError, expectAllClose } from "./test-utils";

// torch/nn/utils/fusion.py v1.13: W′ = W·γ·rsqrt(var+ε) per output channel, b′ = (b − μ)·γ·rsqrt(var+ε) + β.
describe("foldIntoPreceding", () => {
  it("scales each output channel of a linear layer and folds the bias", () => {
    const result = foldIntoPreceding({
      weight: [1, 2, 3, 4, 5, 6],
      weightShape: [2, 3],
      bias: [1, -1],
      runningMean: [0.5, 2],
      runningVar: [4 - 1e-5, 0.25 - 1e-5],
      eps: 1e-5,
      gamma: [2, 1],
      beta: [0, 3],
    });
    // scale = γ/√(var+ε) = [1, 2]
    expectAllClose(result.scale, [1, 2]);
    expectAllClose(result.weight, [1, 2, 3, 8, 10, 12]);
    expectAllClose(result.bias, [(1 - 0.5) * 1 + 0, (-1 - 2) * 2 + 3]);
  });

  it("treats a missing bias as 0 and a BN without affine as γ = 1, β = 0", () => {
    const result = foldIntoPreceding({ weight: [2, 4], weightShape: [2, 1, 1, 1], runningMean: [1, 1], runningVar: [1, 3], eps: 1 });
    expectAllClose(result.weight, [2 / Math.SQRT2, 4 / 2]);
    expectAllClose(result.bias, [-1 / Math.SQRT2, -1 / 2]);
  });

  it("scales axis 1 of a transposed conv weight", () => {
    const result = foldIntoPreceding({
      weight: [1, 1, 1, 1],
      weightShape: [2, 2, 1, 1],
      transpose: true,
      runningMean: [0, 0],
      runningVar: [1, 1],
      eps: 3,
      gamma: [1, 4],
    });
    expectAllClose(result.weight, [0.5, 2, 0.5, 2]);
  });

  it("rejects mismatched lengths", () => {
    expect(catchError(() => foldIntoPreceding({ weight: [1, 2], weightShape: [2, 2], runningMean: [0, 0], runningVar: [1, 1], eps: 1e-5 }))).toMatchObject({
      code: "shape_mismatch",
    });
    expect(catchError(() => foldIntoPreceding({ weight: [1, 2], weightShape: [2, 1], runningMean: [0], runningVar: [1, 1], eps: 1e-5 }))).toMatchObject({
      code: "bad_length",
      path: ["runningMean"],
    });
    expect(catchError(() => foldIntoPreceding({ weight: [1, 2], weightShape: [2, 1], runningMean: [0, 0], runningVar: [1, 1], eps: 0 }))).toMatchObject({
      code: "bad_eps",
    });
  });
});
