import { describe, expect, it } from "vitest";
import { POST as rmsNormPost } from "@/app/api/bn/rms-norm/route";
import { normalValues, rmsNorm } from "@/lib/bn";
import { computeRms, type RmsView } from "./rms";
import { DEFAULT_RMS, type RmsForm } from "./url-state";
import { rmsWorking } from "./working";

function view(form: Partial<RmsForm>): RmsView {
  const outcome = computeRms({ ...DEFAULT_RMS, ...form });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  return outcome.view;
}

function errors(form: Partial<RmsForm>) {
  const outcome = computeRms({ ...DEFAULT_RMS, ...form });
  return outcome.ok ? [] : outcome.errors.map(({ field, code }) => ({ field, code }));
}

async function api(body: unknown) {
  const response = await rmsNormPost(new Request("http://localhost/api/bn/rms-norm", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }));
  expect(response.status).toBe(200);
  return (await response.json()) as { eps: number; meanSquare: number[]; invRms: number[]; output: number[] };
}

// Hand-worked from the torch.nn.RMSNorm docs, y = x / √(ε + mean(x²)) · γ: PyTorch 1.13, which makes this project's
// fixtures, has no RMSNorm to run. x = [1, 2, 3, 4] → mean(x²) = 30 / 4 = 7.5, y₁ = 1 / √7.5 = 0.365148.
describe("computeRms", () => {
  it("works [1, 2, 3, 4] over normalized_shape 4 as the documented formula, with PyTorch's eps=None", () => {
    const { result, weight, defaultEps } = view({ shape: "1,4", values: "[1,2,3,4]", normalizedShape: "4" });
    expect(defaultEps).toBe(true);
    expect(result.eps).toBe(Number.EPSILON);
    expect(result.meanSquare).toEqual([7.5]);
    expect(Array.from(weight!)).toEqual([1, 1, 1, 1]);
    [1, 2, 3, 4].forEach((x, i) => expect(result.output[i]).toBeCloseTo(x / Math.sqrt(7.5 + Number.EPSILON), 15));
    expect(result.output[0]).toBeCloseTo(0.365148, 6);
  });

  it("gives the same numbers as the engine and as POST /api/bn/rms-norm, γ and a typed ε included", async () => {
    const form = { shape: "2,4", values: "1, 2, 3, 4, -2, 0, 0, 2", weight: "1, 1, 2, 2", eps: "1e-5" };
    const { result } = view(form);
    const engine = rmsNorm({ input: [1, 2, 3, 4, -2, 0, 0, 2], shape: [2, 4], normalizedShape: 4, eps: 1e-5, weight: [1, 1, 2, 2] });
    expect(result).toEqual(engine);
    const answer = await api({ shape: [2, 4], input: [1, 2, 3, 4, -2, 0, 0, 2], normalizedShape: 4, eps: 1e-5, weight: [1, 1, 2, 2] });
    expect(answer).toMatchObject({ eps: 1e-5, meanSquare: result.meanSquare, invRms: result.invRms, output: Array.from(result.output) });
  });

  it("follows Keras over the last axis with its ε of 1e-6, and a seeded input as the tensor mode seeds it", async () => {
    const { result } = view({ framework: "keras", shape: "3,2,5", source: "seed", seed: "7", normalizedShape: "ignored by Keras" });
    expect(result).toMatchObject({ framework: "keras", eps: 1e-6, normalizedShape: [5], rows: 6, valuesPerRow: 5 });
    const answer = await api({ framework: "keras", shape: [3, 2, 5], input: Array.from(normalValues(7, 30)), normalizedShape: [5] });
    expect(answer.output).toEqual(Array.from(result.output));
  });

  it("normalizes over every trailing dim of normalized_shape, and without elementwise_affine has no γ", () => {
    const { result, weight } = view({ shape: "2,2,2", values: "1 1 1 1 0 2 0 2", normalizedShape: "2,2", elementwiseAffine: false, weight: "not read" });
    expect(weight).toBeNull();
    expect(result.meanSquare).toEqual([1, 2]);
    expect(Array.from(result.output)).toEqual([1, 1, 1, 1, 0, 2 / Math.sqrt(2 + Number.EPSILON), 0, 2 / Math.sqrt(2 + Number.EPSILON)]);
  });

  it("places each error next to its field", () => {
    expect(errors({ shape: "2,4", normalizedShape: "3" })).toEqual([{ field: "normalizedShape", code: "not_trailing" }]);
    expect(errors({ shape: "4", normalizedShape: "2,4" })).toEqual([{ field: "normalizedShape", code: "not_trailing" }, { field: "shape", code: "shape_mismatch" }]);
    expect(errors({ normalizedShape: "0" })).toEqual([{ field: "normalizedShape", code: "bad_dim" }]);
    expect(errors({ shape: "2,3" })).toEqual([{ field: "normalizedShape", code: "not_trailing" }, { field: "shape", code: "shape_mismatch" }]);
    expect(errors({ shape: "4,4" })).toEqual([{ field: "shape", code: "shape_mismatch" }]);
    expect(errors({ values: "1, 2, x, 4" })).toEqual([{ field: "values", code: "not_a_number" }]);
    expect(errors({ values: " " })).toEqual([{ field: "values", code: "empty" }]);
    expect(errors({ eps: "-1e-6" })).toEqual([{ field: "eps", code: "negative_eps" }]);
    expect(errors({ eps: "tiny" })).toEqual([{ field: "eps", code: "not_a_number" }]);
    expect(errors({ framework: "keras", eps: "None" })).toEqual([{ field: "eps", code: "not_a_number" }]);
    expect(errors({ weight: "1, 2" })).toEqual([{ field: "weight", code: "bad_weight_length" }]);
    expect(errors({ weight: "1, 2, y, 4" })).toEqual([{ field: "weight", code: "not_a_number" }]);
    expect(errors({ source: "seed", seed: "-1" })).toEqual([{ field: "seed", code: "bad_seed" }]);
    expect(errors({ shape: "1000,1001" })).toEqual([{ field: "shape", code: "too_large" }]);
    expect(errors({ eps: "0", framework: "keras", shape: "2,4" })).toEqual([]);
  });

  it("reads PyTorch's None as the default ε", () => {
    expect(view({ eps: "None" })).toMatchObject({ defaultEps: true, result: { eps: Number.EPSILON } });
  });
});

describe("rmsWorking", () => {
  it("writes out row 0's numbers: mean of the squares, root, then each y", () => {
    const lines = rmsWorking(view({ shape: "1,4", values: "1, -2, 3, 4", weight: "1, 1, 2, -1", eps: "1e-5" }));
    expect(lines.map((line) => line.step)).toEqual(["meanSquare", "rms", "rmsOutput", "rmsOutput", "rmsOutput", "rmsOutput"]);
    expect(lines[0]!.tex).toBe("\\operatorname{mean}(x^2) = (1^2 + (-2)^2 + 3^2 + 4^2) / 4 = 30 / 4 = 7.5");
    expect(lines[1]!.tex).toBe("\\mathrm{RMS}(x) = \\sqrt{\\operatorname{mean}(x^2) + \\epsilon} = \\sqrt{7.5 + 10^{-5}} = 2.73861");
    expect(lines[2]!.tex).toBe("y_{1} = \\frac{x_{1}}{\\mathrm{RMS}(x)}\\cdot\\gamma_{1} = \\frac{1}{2.73861} \\cdot 1 = 0.365148");
    expect(lines[5]!.tex).toBe("y_{4} = \\frac{x_{4}}{\\mathrm{RMS}(x)}\\cdot\\gamma_{4} = \\frac{4}{2.73861} \\cdot (-1) = -1.46059");
  });

  it("shows PyTorch's default ε and no γ without elementwise_affine", () => {
    const lines = rmsWorking(view({ elementwiseAffine: false }));
    expect(lines[1]!.tex).toContain("\\sqrt{7.5 + 2.22045\\times 10^{-16}} = 2.73861");
    expect(lines[2]!.tex).toBe("y_{1} = \\frac{x_{1}}{\\mathrm{RMS}(x)} = \\frac{1}{2.73861} = 0.365148");
  });

  it("writes a long row's first eight values and the whole sum", () => {
    const lines = rmsWorking(view({ shape: "1,10", values: "1 1 1 1 1 1 1 1 1 1", normalizedShape: "10" }));
    expect(lines[0]!.tex).toBe("\\operatorname{mean}(x^2) = (x_1^2 + \\cdots + x_{10}^2) / 10 = (1^2 + 1^2 + 1^2 + 1^2 + 1^2 + 1^2 + 1^2 + 1^2 + \\cdots) / 10 = 10 / 10 = 1");
    expect(lines.filter((line) => line.step === "rmsOutput")).toHaveLength(8);
  });
});
