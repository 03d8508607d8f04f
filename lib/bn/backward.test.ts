import { describe, expect, it } from "vitest";
import { backward } from "./index";
import { catchError, expectAllClose } from "./test-utils";

// Compact train-mode formula (ATen Normalization.cpp batch_norm_backward_cpu_template, [Ioffe] §3):
// dx = γ/(n·√(σ²+ε))·(n·dy − Σdy − x̂·Σ(dy·x̂)); eval: dx = dy·γ/√(running_var+ε).
describe("backward", () => {
  const x = [1, 2, 3, 4];
  const centred = [-1.5, -0.5, 0.5, 1.5];

  it("goes through the batch statistics in train mode", () => {
    const result = backward({ framework: "pytorch", mode: "train", input: x, shape: [4, 1], gradOutput: [1, 0, 0, 0], gamma: [2] });
    const invStd = 1 / Math.sqrt(1.25 + 1e-5);
    const xHat = centred.map((d) => d * invStd);
    const sumDyXHat = xHat[0]!;
    const expected = [1, 0, 0, 0].map((dy, i) => ((2 * invStd) / 4) * (4 * dy - 1 - xHat[i]! * sumDyXHat));
    expectAllClose(result.dx, expected);
    expectAllClose(result.dgamma, [sumDyXHat]);
    expectAllClose(result.dbeta, [1]);
    expect(result.usedBatchStats).toBe(true);
    // Shifting a channel leaves y unchanged, so its gradient sums to zero.
    expect(Math.abs(Array.from(result.dx).reduce((a, b) => a + b, 0))).toBeLessThan(1e-15);
  });

  it("is a per-channel scaling in eval mode with running statistics", () => {
    const result = backward({
      framework: "pytorch",
      mode: "eval",
      input: x,
      shape: [4, 1],
      gradOutput: [1, -2, 0.5, 4],
      gamma: [3],
      runningMean: [2],
      runningVar: [0.25 - 1e-5],
    });
    expectAllClose(result.dx, [6, -12, 3, 24]);
    // x̂ = (x − 2)/0.5 = [−2, 0, 2, 4]
    expectAllClose(result.dgamma, [1 * -2 + 0.5 * 2 + 4 * 4]);
    expectAllClose(result.dbeta, [3.5]);
    expect(result.usedBatchStats).toBe(false);
  });

  it("goes through batch statistics in PyTorch eval mode without running buffers", () => {
    const tracked = backward({ framework: "pytorch", mode: "train", input: x, shape: [4, 1], gradOutput: [1, 0, 0, 0] });
    const untracked = backward({ framework: "pytorch", mode: "eval", input: x, shape: [4, 1], gradOutput: [1, 0, 0, 0], trackRunningStats: false });
    expect(untracked.usedBatchStats).toBe(true);
    expectAllClose(untracked.dx, tracked.dx, 0);
  });

  it("reports null dgamma/dbeta for a layer without them", () => {
    const pytorch = backward({ framework: "pytorch", mode: "train", input: x, shape: [2, 2], gradOutput: [1, 1, 1, 1], affine: false });
    expect(pytorch.dgamma).toBeNull();
    expect(pytorch.dbeta).toBeNull();
    expect(pytorch.sumDy).toEqual([2, 2]);
    const keras = backward({ framework: "keras", mode: "train", input: x, shape: [2, 2], gradOutput: [1, 1, 1, 1], center: false });
    expect(keras.dgamma).not.toBeNull();
    expect(keras.dbeta).toBeNull();
  });

  it("rejects a gradient of the wrong length or with NaN", () => {
    expect(catchError(() => backward({ framework: "pytorch", mode: "train", input: x, shape: [4, 1], gradOutput: [1] }))).toMatchObject({
      code: "shape_mismatch",
      path: ["gradOutput"],
    });
    expect(
      catchError(() => backward({ framework: "pytorch", mode: "train", input: x, shape: [4, 1], gradOutput: [0, 0, Number.NaN, 0] })),
    ).toMatchObject({ code: "bad_value", path: ["gradOutput", 2] });
    expect(catchError(() => backward({ framework: "pytorch", mode: "train", input: [1, 2], shape: [1, 2], gradOutput: [1, 1] }))).toMatchObject({
      code: "too_few_values",
    });
  });
});
