import { describe, expect, it } from "vitest";
import { computeFold } from "./fold";
import { computeParams } from "./params";
import { computeTensor, type TensorView } from "./tensor";
import { DEFAULT_FOLD, DEFAULT_PARAMS, DEFAULT_TENSOR, type TensorForm } from "./url-state";
import { tensorWorking } from "./working";

function view(form: Partial<TensorForm>): TensorView {
  const outcome = computeTensor({ ...DEFAULT_TENSOR, ...form });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  return outcome.view;
}

function errors(form: Partial<TensorForm>) {
  const outcome = computeTensor({ ...DEFAULT_TENSOR, ...form });
  return outcome.ok ? [] : outcome.errors.map(({ field, code }) => ({ field, code }));
}

describe("computeTensor", () => {
  it("normalises [1,2,3,4] to ±1.3416, ±0.4472 and updates PyTorch's running statistics", () => {
    const result = view({});
    expect(result.input.kind).toBe("full");
    const xHat = result.xHat.kind === "full" ? Array.from(result.xHat.values) : [];
    expect(xHat.map((value) => Number(value.toFixed(4)))).toEqual([-1.3416, -0.4472, 0.4472, 1.3416]);
    expect(result.stats.batchMean).toEqual([2.5]);
    expect(result.stats.batchVar).toEqual([1.25]);
    expect(result.running?.meanAfter[0]).toBeCloseTo(0.25, 12);
    // 0.9·1 + 0.1·(5/3): the unbiased variance feeds running_var.
    expect(result.running?.varAfter[0]).toBeCloseTo(0.9 + 0.1 * (5 / 3), 12);
  });

  it("summarises a seeded tensor instead of printing it", () => {
    const result = view({ shape: "16,3,4,4", source: "seed", seed: "3" });
    expect(result.valuesPerChannel).toBe(256);
    expect(result.input.kind).toBe("summary");
    expect(result.channelInput).toHaveLength(8);
  });

  it("places each error next to its field", () => {
    expect(errors({ shape: "4,2" })).toEqual([{ field: "shape", code: "shape_mismatch" }]);
    expect(errors({ values: "1, x, 3, 4" })).toEqual([{ field: "values", code: "not_a_number" }]);
    expect(errors({ eps: "0" })).toEqual([{ field: "eps", code: "bad_eps" }]);
    expect(errors({ momentum: "1.5" })).toEqual([{ field: "momentum", code: "bad_momentum" }]);
    expect(errors({ shape: "1,4" })).toEqual([{ field: "shape", code: "too_few_values" }]);
    expect(errors({ shape: "1,4", mode: "eval" })).toEqual([]);
    expect(errors({ gamma: "1, 2" })).toEqual([{ field: "gamma", code: "bad_length" }]);
    expect(errors({ framework: "keras", momentum: "none" })).toEqual([{ field: "momentum", code: "not_a_number" }]);
    expect(errors({ shape: "10000,10000" })).toEqual([{ field: "shape", code: "too_large" }]);
    expect(errors({ dySource: "typed", dy: "1, 2" })).toEqual([{ field: "dy", code: "shape_mismatch" }]);
  });

  it("computes the backward pass when dy is given", () => {
    const result = view({ dySource: "typed", dy: "1, 0, 0, 0" });
    expect(result.gradients?.sumDy).toEqual([1]);
    const dx = result.dx?.kind === "full" ? Array.from(result.dx.values) : [];
    expect(dx.reduce((sum, value) => sum + value, 0)).toBeCloseTo(0, 12);
  });
});

describe("tensorWorking", () => {
  it("shows channel 0's numbers in the formulas", () => {
    const lines = Object.fromEntries(tensorWorking(view({})).map((line) => [line.step, line.tex]));
    expect(lines.mean).toBe("\\begin{aligned}\\mu_{0} &= \\frac{1 + 2 + 3 + 4}{4} \\\\ &= 2.5\\end{aligned}");
    expect(lines.variance).toContain("= 1.25");
    expect(lines.xHat).toContain("\\frac{1 - 2.5}{\\sqrt{1.25 + 10^{-5}}} \\\\ &= -1.34164");
    expect(lines.runningVar).toContain("0.9 \\cdot 1 + 0.1 \\cdot 1.66667 \\\\ &= 1.06667");
    expect(lines.numBatchesTracked).toContain("0 + 1 \\\\ &= 1");
  });

  it("uses Keras's momentum convention and the biased variance", () => {
    const lines = Object.fromEntries(tensorWorking(view({ framework: "keras", eps: "0.001", momentum: "0.99" })).map((line) => [line.step, line.tex]));
    expect(lines.runningVar).toContain("1 \\cdot 0.99 + 1.25 \\cdot 0.01 \\\\ &= 1.0025");
    expect(lines.numBatchesTracked).toBeUndefined();
  });
});

describe("computeParams", () => {
  it("counts BatchNorm2d(64) and Keras BatchNormalization(64)", () => {
    const pytorch = computeParams(DEFAULT_PARAMS);
    expect(pytorch.ok && [pytorch.count.trainable, pytorch.count.buffers]).toEqual([128, 129]);
    const keras = computeParams({ ...DEFAULT_PARAMS, framework: "keras", layer: "BatchNormalization" });
    expect(keras.ok && [keras.count.reportedTotal, keras.count.nonTrainable]).toEqual([256, 128]);
  });

  it("reports groups that do not divide the channels on the groups field", () => {
    const outcome = computeParams({ ...DEFAULT_PARAMS, layer: "GroupNorm", groups: "5" });
    expect(outcome.ok ? null : outcome.errors[0]).toMatchObject({ field: "groups", code: "groups_not_dividing" });
  });
});

describe("computeFold", () => {
  it("folds the default conv example as W·γ/√(var+ε) and (b−μ)·γ/√(var+ε)+β", () => {
    const outcome = computeFold(DEFAULT_FOLD);
    if (!outcome.ok) throw new Error("fold failed");
    const scale0 = 2 / Math.sqrt(0.25 + 1e-5);
    expect(outcome.view.result.weight[0]).toBeCloseTo(1 * scale0, 12);
    expect(outcome.view.result.bias[0]).toBeCloseTo((0.5 - 1) * scale0 + 0.1, 12);
  });

  it("explains a weight count that does not match the shape", () => {
    const outcome = computeFold({ ...DEFAULT_FOLD, weightShape: "2,1,3,3" });
    expect(outcome.ok ? null : outcome.errors[0]).toMatchObject({ field: "weightShape", code: "shape_mismatch" });
  });
});
