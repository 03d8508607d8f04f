import { describe, expect, it } from "vitest";
import { BnError, forward, frameworkDefaults } from "./index";
import { catchError, expectAllClose } from "./test-utils";

// Hand-worked from [Ioffe] Alg. 1 and torch/nn/modules/batchnorm.py v1.13 + ATen Normalization.cpp
// (biased variance normalizes, unbiased variance feeds running_var, running = (1−m)·running + m·batch).
describe("forward, PyTorch", () => {
  it("normalizes [1, 2, 3, 4] as shape (4, 1) and updates the running statistics", () => {
    const result = forward({ framework: "pytorch", mode: "train", input: [1, 2, 3, 4], shape: [4, 1] });
    expect(result.valuesPerChannel).toBe(4);
    expect(result.batchMean).toEqual([2.5]);
    expect(result.batchVar).toEqual([1.25]);
    expectAllClose(result.batchUnbiasedVar, [5 / 3]);
    const invStd = 1 / Math.sqrt(1.25 + 1e-5);
    expectAllClose(result.invStd, [invStd]);
    // ±1.5/√1.25001 and ±0.5/√1.25001: ε moves them off ±1.3416408, ±0.4472136.
    expectAllClose(result.xHat, [-1.3416354199689269, -0.447211806656309, 0.447211806656309, 1.3416354199689269]);
    expectAllClose(result.output, result.xHat);
    expect(result.usedBatchStats).toBe(true);
    expect(result.running).not.toBeNull();
    expectAllClose(result.running!.meanAfter, [0.25]);
    expectAllClose(result.running!.varAfter, [0.9 * 1 + 0.1 * (5 / 3)]);
    expect(result.running!.factor).toBe(0.1);
    expect(result.running!.varianceFed).toBe("unbiased");
    expect(result.running!.numBatchesTrackedBefore).toBe(0);
    expect(result.running!.numBatchesTrackedAfter).toBe(1);
  });

  it("applies γ and β after normalizing", () => {
    const result = forward({
      framework: "pytorch",
      mode: "train",
      input: [1, 2, 3, 4],
      shape: [4, 1],
      gamma: [2],
      beta: [-1],
      eps: 0.75,
    });
    // invStd = 1/√(1.25 + 0.75) = 1/√2
    expectAllClose(result.output, [2 * (-1.5 / Math.SQRT2) - 1, 2 * (-0.5 / Math.SQRT2) - 1, 2 * (0.5 / Math.SQRT2) - 1, 2 * (1.5 / Math.SQRT2) - 1]);
    expectAllClose(result.scale, [Math.SQRT2]);
    expectAllClose(result.shift, [-1]);
  });

  it("keeps channels on axis 1 for (N, C, L) input: N·L values per channel", () => {
    // shape (2, 2, 2): channel 0 holds 1, 2 (n=0) and 3, 4 (n=1); channel 1 holds 10, 20, 30, 40.
    const result = forward({ framework: "pytorch", mode: "train", input: [1, 2, 10, 20, 3, 4, 30, 40], shape: [2, 2, 2] });
    expect(result.valuesPerChannel).toBe(4);
    expectAllClose(result.batchMean, [2.5, 25]);
    expectAllClose(result.batchVar, [1.25, 125]);
    expectAllClose(result.batchUnbiasedVar, [5 / 3, 500 / 3]);
    expectAllClose(result.running!.meanAfter, [0.25, 2.5]);
    expectAllClose(result.running!.varAfter, [0.9 + 0.1 * (5 / 3), 0.9 + 0.1 * (500 / 3)]);
  });

  it("uses N·H·W values per channel for (N, C, H, W), so batch size 1 trains when H·W > 1", () => {
    const result = forward({
      framework: "pytorch",
      mode: "train",
      input: [1, 2, 3, 4, 5, 5, 5, 7],
      shape: [1, 2, 2, 2],
    });
    expect(result.valuesPerChannel).toBe(4);
    expectAllClose(result.batchMean, [2.5, 5.5]);
    expectAllClose(result.batchVar, [1.25, 0.75]);
    expectAllClose(result.batchUnbiasedVar, [5 / 3, 1]);
    expectAllClose(result.xHat!.slice(4), [-0.5, -0.5, -0.5, 1.5].map((d) => d / Math.sqrt(0.75 + 1e-5)));
  });

  it("uses N·D·H·W values per channel for (N, C, D, H, W)", () => {
    // shape (2, 1, 2, 1, 2): 8 values in one channel, 0…7 → mean 3.5, biased var 5.25, unbiased 6.
    const result = forward({ framework: "pytorch", mode: "train", input: [0, 1, 2, 3, 4, 5, 6, 7], shape: [2, 1, 2, 1, 2] });
    expect(result.valuesPerChannel).toBe(8);
    expectAllClose(result.batchMean, [3.5]);
    expectAllClose(result.batchVar, [5.25]);
    expectAllClose(result.batchUnbiasedVar, [6]);
  });

  it("normalizes with the running statistics in eval mode and leaves them alone", () => {
    const result = forward({
      framework: "pytorch",
      mode: "eval",
      input: [1, 2, 3, 4],
      shape: [4, 1],
      runningMean: [2],
      runningVar: [4 - 1e-5],
      numBatchesTracked: 7,
    });
    expect(result.usedBatchStats).toBe(false);
    expectAllClose(result.output, [-0.5, 0, 0.5, 1]);
    expect(result.normMean).toEqual([2]);
    expect(result.batchMean).toEqual([2.5]);
    expect(result.running).toMatchObject({ updated: false, factor: null, meanAfter: [2], numBatchesTrackedAfter: 7 });
  });

  it("uses batch statistics in eval mode without running buffers, and reports no running stats", () => {
    const args = { framework: "pytorch", input: [1, 2, 3, 4], shape: [4, 1], trackRunningStats: false } as const;
    const evalResult = forward({ ...args, mode: "eval" });
    const trainResult = forward({ ...args, mode: "train" });
    expect(evalResult.usedBatchStats).toBe(true);
    expect(evalResult.running).toBeNull();
    expect(trainResult.running).toBeNull();
    expectAllClose(evalResult.output, trainResult.output, 0);
  });

  it("averages cumulatively with momentum null (factor 1/num_batches_tracked)", () => {
    let runningMean = [5];
    let runningVar = [9];
    let numBatchesTracked = 0;
    const batches = [
      [1, 3],
      [2, 6],
      [0, 0, 3],
    ];
    const factors: (number | null)[] = [];
    for (const input of batches) {
      const result = forward({
        framework: "pytorch",
        mode: "train",
        input,
        shape: [input.length, 1],
        momentum: null,
        runningMean,
        runningVar,
        numBatchesTracked,
      });
      runningMean = result.running!.meanAfter;
      runningVar = result.running!.varAfter;
      numBatchesTracked = result.running!.numBatchesTrackedAfter!;
      factors.push(result.running!.factor);
    }
    expect(factors).toEqual([1, 1 / 2, 1 / 3]);
    expect(numBatchesTracked).toBe(3);
    // Batch means 2, 4, 1; unbiased variances 2, 8, 3: the initial 5 and 9 are forgotten at step 1.
    expectAllClose(runningMean, [(2 + 4 + 1) / 3]);
    expectAllClose(runningVar, [(2 + 8 + 3) / 3]);
  });

  it("counts num_batches_tracked with a numeric momentum too, and momentum 0.5 halves the way", () => {
    const result = forward({
      framework: "pytorch",
      mode: "train",
      input: [1, 3],
      shape: [2, 1],
      momentum: 0.5,
      numBatchesTracked: 4,
    });
    expect(result.running!.numBatchesTrackedAfter).toBe(5);
    expectAllClose(result.running!.meanAfter, [1]);
    expectAllClose(result.running!.varAfter, [0.5 * 1 + 0.5 * 2]);
  });

  it("has PyTorch's defaults", () => {
    expect(frameworkDefaults("pytorch")).toMatchObject({ eps: 1e-5, momentum: 0.1, affine: true, trackRunningStats: true });
    const result = forward({ framework: "pytorch", mode: "train", input: [0, 2], shape: [2, 1] });
    expect(result.eps).toBe(1e-5);
    expect(result.momentum).toBe(0.1);
    expect(result.gamma).toEqual([1]);
    expect(result.beta).toEqual([0]);
    expect(result.running!.meanBefore).toEqual([0]);
    expect(result.running!.varBefore).toEqual([1]);
  });

  it("drops γ and β with affine false", () => {
    const result = forward({ framework: "pytorch", mode: "train", input: [0, 2], shape: [2, 1], affine: false });
    expect(result.gamma).toBeNull();
    expect(result.beta).toBeNull();
    expectAllClose(result.output, [-1 / Math.sqrt(1 + 1e-5), 1 / Math.sqrt(1 + 1e-5)]);
  });

  it("returns no x̂ when asked not to, and can write y into a given buffer or in place", () => {
    const input = new Float64Array([1, 2, 3, 4]);
    const expected = forward({ framework: "pytorch", mode: "train", input, shape: [4, 1] }).output;
    const out = new Float64Array(4);
    const result = forward({ framework: "pytorch", mode: "train", input, shape: [4, 1], includeXHat: false, out });
    expect(result.xHat).toBeNull();
    expect(result.output).toBe(out);
    expectAllClose(out, expected, 0);
    const inPlace = forward({ framework: "pytorch", mode: "train", input, shape: [4, 1], out: input });
    expectAllClose(inPlace.xHat, expected, 0);
    expectAllClose(input, expected, 0);
  });

  it("accepts plain arrays, Float32Array and Float64Array alike", () => {
    const values = [0.5, -1.25, 3, 8, 2, -4];
    const fromArray = forward({ framework: "pytorch", mode: "train", input: values, shape: [3, 2] }).output;
    const fromFloat32 = forward({ framework: "pytorch", mode: "train", input: Float32Array.from(values), shape: [3, 2] });
    expectAllClose(fromFloat32.output, fromArray, 0);
  });

  it("keeps two-pass accuracy when the mean dwarfs the spread", () => {
    // E[x²] − E[x]² would lose every digit here; the shifted/merged sums must not.
    const batch = 8;
    const spatial = 64;
    const input = Array.from({ length: batch * spatial }, (_, i) => 1e9 + (i % 2 === 0 ? 0.5 : -0.5) + (i % 7) * 0.25);
    const deviations = input.map((value) => value - 1e9);
    const mean = deviations.reduce((sum, value) => sum + value, 0) / deviations.length;
    const variance = deviations.reduce((sum, value) => sum + (value - mean) ** 2, 0) / deviations.length;
    const result = forward({ framework: "pytorch", mode: "train", input, shape: [batch, 1, spatial] });
    expectAllClose(result.batchVar, [variance], 1e-6);
    expectAllClose([result.batchMean[0]! - 1e9], [mean], 1e-6);
  });
});

describe("forward, errors", () => {
  const base = { framework: "pytorch", mode: "train", input: [1, 2, 3, 4], shape: [4, 1] } as const;

  it("mirrors PyTorch's one-value-per-channel training error (torch/nn/functional.py _verify_batch_size)", () => {
    const error = catchError(() => forward({ framework: "pytorch", mode: "train", input: [1, 2, 3], shape: [1, 3] }));
    expect(error).toBeInstanceOf(BnError);
    expect(error).toMatchObject({
      code: "too_few_values",
      message: "Expected more than 1 value per channel when training, got input size torch.Size([1, 3])",
      path: ["shape"],
    });
    expect(catchError(() => forward({ framework: "pytorch", mode: "train", input: [1, 2], shape: [1, 2, 1, 1] }))).toMatchObject({
      code: "too_few_values",
      message: "Expected more than 1 value per channel when training, got input size torch.Size([1, 2, 1, 1])",
    });
  });

  it("raises the same error in eval mode only when there are no running buffers", () => {
    const input = { input: [1, 2, 3], shape: [1, 3] };
    expect(forward({ framework: "pytorch", mode: "eval", ...input }).output).toHaveLength(3);
    expect(
      catchError(() => forward({ framework: "pytorch", mode: "eval", trackRunningStats: false, ...input })),
    ).toMatchObject({ code: "too_few_values" });
  });

  it("rejects inconsistent shapes and lengths", () => {
    expect(catchError(() => forward({ ...base, shape: [3, 1] }))).toMatchObject({ code: "shape_mismatch", path: ["input"] });
    expect(catchError(() => forward({ ...base, shape: [4] }))).toMatchObject({ code: "bad_shape", path: ["shape"] });
    expect(catchError(() => forward({ ...base, input: [1], shape: [1, 1, 1, 1, 1, 1] }))).toMatchObject({ code: "bad_shape" });
    expect(catchError(() => forward({ ...base, input: [], shape: [0, 1] }))).toMatchObject({ code: "bad_shape", path: ["shape", 0] });
    expect(catchError(() => forward({ ...base, shape: [2.5, 1] }))).toMatchObject({ code: "bad_shape", path: ["shape", 0] });
    expect(catchError(() => forward({ ...base, gamma: [1, 1] }))).toMatchObject({ code: "bad_length", path: ["gamma"] });
    expect(catchError(() => forward({ ...base, runningVar: [] }))).toMatchObject({ code: "bad_length", path: ["runningVar"] });
  });

  it("rejects ε ≤ 0 and momentum outside [0, 1]", () => {
    for (const eps of [0, -1e-5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(catchError(() => forward({ ...base, eps }))).toMatchObject({ code: "bad_eps", path: ["eps"] });
    }
    expect(catchError(() => forward({ ...base, momentum: 1.5 }))).toMatchObject({ code: "bad_momentum" });
    expect(catchError(() => forward({ ...base, momentum: -0.1 }))).toMatchObject({ code: "bad_momentum" });
  });

  it("never lets a NaN or infinity through silently", () => {
    expect(catchError(() => forward({ ...base, input: [1, Number.NaN, 3, 4] }))).toMatchObject({
      code: "bad_value",
      path: ["input", 1],
    });
    expect(catchError(() => forward({ ...base, mode: "eval", input: [1, 2, 3, Number.POSITIVE_INFINITY] }))).toMatchObject({
      code: "bad_value",
      path: ["input", 3],
    });
    expect(catchError(() => forward({ ...base, gamma: [Number.NaN] }))).toMatchObject({ code: "bad_value", path: ["gamma", 0] });
    expect(catchError(() => forward({ ...base, runningVar: [-1] }))).toMatchObject({ code: "bad_value", path: ["runningVar", 0] });
    expect(catchError(() => forward({ ...base, input: [1e300, -1e300, 1e300, -1e300] }))).toMatchObject({ code: "bad_value" });
    expect(catchError(() => forward({ ...base, numBatchesTracked: -1 }))).toMatchObject({ code: "bad_value" });
  });

  it("rejects parameters and buffers the layer does not have", () => {
    expect(catchError(() => forward({ ...base, affine: false, gamma: [1] }))).toMatchObject({
      code: "unexpected_param",
      path: ["gamma"],
    });
    expect(catchError(() => forward({ ...base, trackRunningStats: false, runningMean: [0] }))).toMatchObject({
      code: "unexpected_param",
      path: ["runningMean"],
    });
    expect(catchError(() => forward({ ...base, trackRunningStats: false, numBatchesTracked: 3 }))).toMatchObject({
      code: "unexpected_param",
    });
  });

  it("serializes as { code, message, path }", () => {
    const error = catchError(() => forward({ ...base, eps: 0 })) as BnError;
    expect(JSON.parse(JSON.stringify(error))).toEqual({ code: "bad_eps", message: "eps must be a finite number > 0, got 0", path: ["eps"] });
  });
});
