import { describe, expect, it } from "vitest";
import { backward, countParams, forward, frameworkDefaults } from "./index";
import { catchError, expectAllClose } from "./test-utils";

// Keras cannot be installed here, so these cases are worked by hand from
// keras/src/layers/normalization/batch_normalization.py (Keras 3): call() normalizes with ops.moments
// (biased variance) in training and updates moving = moving·momentum + batch·(1 − momentum);
// inference uses the moving statistics; build() makes moving_mean/moving_variance trainable=False.
describe("forward, Keras BatchNormalization(axis=1)", () => {
  it("has Keras's defaults: momentum 0.99, ε 1e-3, center and scale", () => {
    expect(frameworkDefaults("keras")).toMatchObject({ momentum: 0.99, eps: 1e-3, center: true, scale: true });
  });

  it("normalizes [1, 2, 3, 4] with ε = 1e-3 and feeds the biased variance to the moving variance", () => {
    const result = forward({ framework: "keras", mode: "train", input: [1, 2, 3, 4], shape: [4, 1] });
    expect(result.eps).toBe(1e-3);
    expectAllClose(result.output, [-1.5, -0.5, 0.5, 1.5].map((d) => d / Math.sqrt(1.25 + 1e-3)));
    expectAllClose(result.xHat, [-1.3411044519645503, -0.4470348173215168, 0.4470348173215168, 1.3411044519645503]);
    expect(result.running).not.toBeNull();
    // moving_mean = 0·0.99 + 2.5·0.01; moving_variance = 1·0.99 + 1.25·0.01 (biased, not 5/3).
    expectAllClose(result.running!.meanAfter, [0.025]);
    expectAllClose(result.running!.varAfter, [1.0025]);
    expect(result.running!.factor).toBeCloseTo(0.01, 15);
    expect(result.running!.varianceFed).toBe("biased");
    expect(result.running!.numBatchesTrackedBefore).toBeNull();
    expect(result.running!.numBatchesTrackedAfter).toBeNull();
  });

  it("reads momentum the other way round from PyTorch: Keras 0.9 ≡ PyTorch 0.1 for the mean", () => {
    const keras = forward({ framework: "keras", mode: "train", input: [0, 4], shape: [2, 1], momentum: 0.9, runningMean: [10] });
    const pytorch = forward({ framework: "pytorch", mode: "train", input: [0, 4], shape: [2, 1], momentum: 0.1, runningMean: [10] });
    expectAllClose(keras.running!.meanAfter, [10 * 0.9 + 2 * 0.1]);
    expectAllClose(pytorch.running!.meanAfter, keras.running!.meanAfter);
    // Variances differ: Keras feeds 4 (biased), PyTorch 8 (unbiased).
    expectAllClose(keras.running!.varAfter, [0.9 * 1 + 0.1 * 4]);
    expectAllClose(pytorch.running!.varAfter, [0.9 * 1 + 0.1 * 8]);
  });

  it("has no one-value-per-channel check: variance 0 normalizes to β", () => {
    const result = forward({ framework: "keras", mode: "train", input: [3, -2, 7], shape: [1, 3], beta: [0.5, 1, -1] });
    expect(result.batchVar).toEqual([0, 0, 0]);
    expect(result.batchUnbiasedVar).toBeNull();
    expectAllClose(result.output, [0.5, 1, -1]);
    expectAllClose(result.running!.varAfter, [0.99, 0.99, 0.99]);
    expectAllClose(result.running!.meanAfter, [0.03, -0.02, 0.07]);
  });

  it("normalizes with the moving statistics in inference", () => {
    const result = forward({
      framework: "keras",
      mode: "eval",
      input: [1, 5],
      shape: [2, 1],
      runningMean: [3],
      runningVar: [4 - 1e-3],
      gamma: [2],
      beta: [1],
    });
    expect(result.usedBatchStats).toBe(false);
    expectAllClose(result.output, [2 * (-2 / 2) + 1, 2 * (2 / 2) + 1]);
    expect(result.running).toMatchObject({ updated: false, meanAfter: [3] });
  });

  it("center=false drops β and scale=false drops γ", () => {
    const noBeta = forward({ framework: "keras", mode: "train", input: [0, 2], shape: [2, 1], center: false, gamma: [3] });
    expect(noBeta.beta).toBeNull();
    expect(noBeta.gamma).toEqual([3]);
    expectAllClose(noBeta.output, [-3 / Math.sqrt(1.001), 3 / Math.sqrt(1.001)]);
    const noGamma = forward({ framework: "keras", mode: "train", input: [0, 2], shape: [2, 1], scale: false, beta: [1] });
    expect(noGamma.gamma).toBeNull();
    expectAllClose(noGamma.output, [1 - 1 / Math.sqrt(1.001), 1 + 1 / Math.sqrt(1.001)]);
    expect(catchError(() => forward({ framework: "keras", mode: "train", input: [0, 2], shape: [2, 1], center: false, beta: [1] }))).toMatchObject({
      code: "unexpected_param",
      path: ["beta"],
    });
  });

  it("rejects a null momentum (Keras has no cumulative mode)", () => {
    const args = { framework: "keras", mode: "train", input: [0, 2], shape: [2, 1], momentum: null } as unknown as Parameters<typeof forward>[0];
    expect(catchError(() => forward(args))).toMatchObject({ code: "bad_momentum" });
  });

  it("backpropagates like PyTorch given the same statistics: dgamma = Σdy·x̂, dbeta = Σdy", () => {
    const result = backward({
      framework: "keras",
      mode: "eval",
      input: [1, 5],
      shape: [2, 1],
      gradOutput: [1, 2],
      runningMean: [3],
      runningVar: [4 - 1e-3],
      gamma: [2],
    });
    expectAllClose(result.dx, [2 * 1 / 2, 2 * 2 / 2]);
    expectAllClose(result.dgamma, [1 * -1 + 2 * 1]);
    expectAllClose(result.dbeta, [3]);
  });
});

// keras/src/layers/normalization/{batch,layer,group}_normalization.py build(); batch_normalization_test.py
// expects 2 trainable + 2 non-trainable weights, and 0 + 2 with center=scale=False.
describe("countParams, Keras", () => {
  it("counts BatchNormalization(C) as 4C with 2C non-trainable", () => {
    expect(countParams({ layer: "BatchNormalization", features: 512 })).toEqual({
      framework: "keras",
      layer: "BatchNormalization",
      trainable: 1024,
      nonTrainable: 1024,
      buffers: 0,
      reportedTotal: 2048,
      tensors: [
        { name: "gamma", shape: [512], kind: "parameter" },
        { name: "beta", shape: [512], kind: "parameter" },
        { name: "moving_mean", shape: [512], kind: "non-trainable" },
        { name: "moving_variance", shape: [512], kind: "non-trainable" },
      ],
    });
  });

  it("drops γ with scale=false and β with center=false", () => {
    expect(countParams({ layer: "BatchNormalization", features: 8, center: false, scale: false })).toMatchObject({
      trainable: 0,
      nonTrainable: 16,
      reportedTotal: 16,
    });
    const noBeta = countParams({ layer: "BatchNormalization", features: 8, center: false });
    expect(noBeta.tensors.map((t) => t.name)).toEqual(["gamma", "moving_mean", "moving_variance"]);
    expect(noBeta.reportedTotal).toBe(24);
  });

  it("counts LayerNormalization and GroupNormalization as 2C trainable, no moving statistics", () => {
    expect(countParams({ layer: "LayerNormalization", features: 10 })).toMatchObject({ trainable: 20, nonTrainable: 0, reportedTotal: 20 });
    expect(countParams({ layer: "LayerNormalization", features: 10, scale: false }).reportedTotal).toBe(10);
    expect(countParams({ layer: "GroupNormalization", features: 64, groups: 8 })).toMatchObject({ trainable: 128, reportedTotal: 128 });
    expect(countParams({ layer: "GroupNormalization", features: 64 }).reportedTotal).toBe(128);
    expect(countParams({ layer: "GroupNormalization", features: 6, groups: -1 }).reportedTotal).toBe(12);
  });

  it("rejects groups that do not divide the channels, with Keras's wording", () => {
    expect(catchError(() => countParams({ layer: "GroupNormalization", features: 10, groups: 4 }))).toMatchObject({
      code: "groups_not_dividing",
      message: "Number of groups (4) must be a multiple of the number of channels (10).",
    });
    expect(catchError(() => countParams({ layer: "GroupNormalization", features: 16 }))).toMatchObject({
      code: "groups_not_dividing",
      message: "Number of groups (32) cannot be more than the number of channels (16).",
    });
    expect(catchError(() => countParams({ layer: "BatchNormalization", features: 0 }))).toMatchObject({ code: "bad_size" });
  });
});
