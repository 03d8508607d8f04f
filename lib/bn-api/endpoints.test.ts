import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { POST as forwardPost } from "@/app/api/bn/forward/route";
import { POST as backwardPost } from "@/app/api/bn/backward/route";
import { POST as paramsPost } from "@/app/api/bn/params/route";
import { POST as foldPost } from "@/app/api/bn/fold/route";
import { POST as rmsNormPost } from "@/app/api/bn/rms-norm/route";

const post = async (handler: (request: Request) => Promise<Response>, body: unknown) => {
  const response = await handler(
    new Request("http://localhost/api", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
  return { status: response.status, body: await response.json() };
};

// x = [1, 2, 3, 4] as (N=4, C=1): μ = 2.5, biased σ² = 1.25, unbiased 5/3 (PyTorch BN docs; Ioffe Alg. 1).
const xHat = [-1.5, -0.5, 0.5, 1.5].map((d) => d / Math.sqrt(1.25 + 1e-5));

describe("POST /api/bn/forward", () => {
  it("answers PyTorch's train-mode forward with its running-statistics update", async () => {
    const { status, body } = await post(forwardPost, { shape: [4, 1], input: [1, 2, 3, 4] });
    expect(status).toBe(200);
    body.output.forEach((value: number, i: number) => expect(value).toBeCloseTo(xHat[i]!, 12));
    expect(body.output[0]).toBeCloseTo(-1.3416, 4);
    expect(body.output[1]).toBeCloseTo(-0.4472, 4);
    expect(body).toMatchObject({ mean: [2.5], var: [1.25], valuesPerChannel: 4, numBatchesTracked: 1 });
    expect(body.runningMean[0]).toBeCloseTo(0.1 * 2.5, 15);
    expect(body.runningVar[0]).toBeCloseTo(0.9 * 1 + 0.1 * (5 / 3), 15);
  });

  it("follows Keras: ε 1e-3, momentum 0.99 weighting the old value, biased moving variance", async () => {
    const { body } = await post(forwardPost, { framework: "keras", shape: [4, 1], input: [1, 2, 3, 4] });
    expect(body.output[0]).toBeCloseTo(-1.5 / Math.sqrt(1.25 + 1e-3), 12);
    expect(body.runningMean[0]).toBeCloseTo(0.01 * 2.5, 15);
    expect(body.runningVar[0]).toBeCloseTo(0.99 * 1 + 0.01 * 1.25, 15);
    expect(body.numBatchesTracked).toBeNull();
  });

  it("uses the running statistics in eval mode and reports no update", async () => {
    const { body } = await post(forwardPost, {
      mode: "eval",
      shape: [2, 1],
      input: [3, 5],
      runningMean: [1],
      runningVar: [4],
      gamma: [2],
      beta: [0.5],
    });
    expect(body.output[0]).toBeCloseTo((2 * (3 - 1)) / Math.sqrt(4 + 1e-5) + 0.5, 12);
    expect(body).toMatchObject({ mean: [1], var: [4], runningMean: [1], runningVar: [4], numBatchesTracked: 0 });
  });

  it("answers null running statistics when PyTorch tracks none", async () => {
    const { body } = await post(forwardPost, { shape: [2, 1], input: [3, 5], trackRunningStats: false, mode: "eval" });
    expect(body).toMatchObject({ runningMean: null, runningVar: null, numBatchesTracked: null, mean: [4], var: [1] });
  });

  it.each([
    ["one value per channel in training", { shape: [1, 3], input: [1, 2, 3] }, "too_few_values", /Expected more than 1 value per channel when training/],
    ["values that do not fill the shape", { shape: [2, 2], input: [1, 2, 3] }, "shape_mismatch", /4/],
    ["ε of zero", { shape: [2, 1], input: [1, 2], eps: 0 }, "bad_eps", /eps|ε/],
    ["a negative ε", { shape: [2, 1], input: [1, 2], eps: -1e-5 }, "bad_eps", /eps|ε/],
    ["γ of the wrong length", { shape: [2, 2], input: [1, 2, 3, 4], gamma: [1] }, "bad_length", /gamma/],
  ])("refuses %s with a 400 and the engine's code", async (_, request, code, message) => {
    const { status, body } = await post(forwardPost, request);
    expect(status).toBe(400);
    expect(body.error.code).toBe(code);
    expect(body.error.message).toMatch(message);
    expect(Array.isArray(body.error.path)).toBe(true);
  });

  it.each([
    ["a non-number value", { shape: [2, 1], input: [1, "x"] }, ["input", 1]],
    ["a shape with one dimension", { shape: [4], input: [1, 2, 3, 4] }, ["shape"]],
    ["a shape with six dimensions", { shape: [1, 1, 1, 1, 1, 2], input: [1, 2] }, ["shape"]],
    ["a fractional dimension", { shape: [2, 1.5], input: [1, 2, 3] }, ["shape", 1]],
    ["an unknown framework", { framework: "jax", shape: [2, 1], input: [1, 2] }, ["framework"]],
    ["a Keras layer given PyTorch's affine flag", { framework: "keras", affine: false, shape: [2, 1], input: [1, 2] }, ["affine"]],
    ["Keras with a cumulative (null) momentum", { framework: "keras", momentum: null, shape: [2, 1], input: [1, 2] }, ["momentum"]],
    ["an unknown field", { shape: [2, 1], input: [1, 2], epsilon: 1e-3 }, []],
  ])("refuses %s with a 400 naming the field", async (_, request, path) => {
    const { status, body } = await post(forwardPost, request);
    expect(status).toBe(400);
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.path).toEqual(path);
  });

  it("answers 413 above the element limit, before reading them", async () => {
    const { status, body } = await post(forwardPost, { shape: [1001, 1000], input: [] });
    expect(status).toBe(413);
    expect(body.error.code).toBe("too_large");
  });

  it("answers 400 to a body that is not JSON", async () => {
    const { status, body } = await post(forwardPost, "{ shape: ");
    expect(status).toBe(400);
    expect(body.error.code).toBe("invalid_json");
  });

  it("never answers 500, whatever JSON arrives", async () => {
    const value = fc.oneof(fc.integer({ min: -3, max: 6 }), fc.double(), fc.constant(null), fc.boolean(), fc.string({ maxLength: 3 }));
    const body = fc.record(
      {
        framework: fc.constantFrom("pytorch", "keras", "x"),
        mode: fc.constantFrom("train", "eval"),
        shape: fc.array(fc.integer({ min: -1, max: 4 }), { maxLength: 6 }),
        input: fc.array(value, { maxLength: 40 }),
        eps: value,
        momentum: value,
        gamma: fc.array(value, { maxLength: 4 }),
        runningVar: fc.array(value, { maxLength: 4 }),
        numBatchesTracked: value,
        dy: fc.array(value, { maxLength: 40 }),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(body, fc.boolean(), async (request, isBackward) => {
        const { status, body: answer } = await post(isBackward ? backwardPost : forwardPost, request);
        expect([200, 400, 413]).toContain(status);
        if (status !== 200) expect(Object.keys(answer.error).sort()).toEqual(["code", "message", "path"]);
        else for (const x of isBackward ? answer.dx : answer.output) expect(Number.isFinite(x)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe("POST /api/bn/backward", () => {
  it("answers dx, dγ and dβ, with dx summing to zero per channel in train mode", async () => {
    const dy = [0.1, -0.2, 0.3, 0.4];
    const { status, body } = await post(backwardPost, { shape: [4, 1], input: [1, 2, 3, 4], dy });
    expect(status).toBe(200);
    expect(body.dbeta[0]).toBeCloseTo(0.6, 14);
    expect(body.dgamma[0]).toBeCloseTo(dy.reduce((sum, g, i) => sum + g * xHat[i]!, 0), 12);
    expect(body.dx.reduce((a: number, b: number) => a + b, 0)).toBeCloseTo(0, 12);
  });

  it("answers null dγ and dβ when the layer has no affine parameters", async () => {
    const { body } = await post(backwardPost, { shape: [2, 1], input: [1, 3], dy: [1, 0], affine: false });
    expect(body).toMatchObject({ dgamma: null, dbeta: null });
  });
});

describe("POST /api/bn/params", () => {
  it("counts BatchNorm2d(64) as PyTorch does: 128 parameters, 129 buffer elements", async () => {
    const { status, body } = await post(paramsPost, { framework: "pytorch", layer: "BatchNorm2d", numFeatures: 64 });
    expect(status).toBe(200);
    expect(body).toMatchObject({ trainable: 128, nonTrainable: 0, buffers: 129, reportedTotal: 128 });
    expect(body.tensors).toContainEqual({ name: "num_batches_tracked", shape: [], kind: "buffer" });
  });

  it("counts Keras BatchNormalization(64) as its summary does: 256 params, 128 non-trainable", async () => {
    const { body } = await post(paramsPost, { framework: "keras", layer: "BatchNormalization", features: 64 });
    expect(body).toMatchObject({ trainable: 128, nonTrainable: 128, buffers: 0, reportedTotal: 256 });
  });

  it("refuses groups that do not divide the channels, and a layer of the other framework", async () => {
    const groups = await post(paramsPost, { layer: "GroupNorm", numGroups: 3, numChannels: 64 });
    expect(groups.status).toBe(400);
    expect(groups.body.error.code).toBe("groups_not_dividing");
    const foreign = await post(paramsPost, { framework: "keras", layer: "BatchNorm2d", numFeatures: 64 });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.path).toEqual(["layer"]);
  });
});

describe("POST /api/bn/fold", () => {
  it("folds BN into a linear layer: W' = W·γ/√(var+ε), b' = (b−μ)·γ/√(var+ε)+β (torch/nn/utils/fusion.py)", async () => {
    const request = {
      layer: "linear",
      weightShape: [2, 2],
      weight: [1, 2, 3, 4],
      bias: [0.5, -1],
      gamma: [2, 1],
      beta: [0.1, 0.2],
      runningMean: [1, -1],
      runningVar: [4, 1],
    };
    const { status, body } = await post(foldPost, request);
    expect(status).toBe(200);
    const s0 = 2 / Math.sqrt(4 + 1e-5);
    const s1 = 1 / Math.sqrt(1 + 1e-5);
    [1 * s0, 2 * s0, 3 * s1, 4 * s1].forEach((w, i) => expect(body.weight[i]).toBeCloseTo(w, 14));
    expect(body.bias[0]).toBeCloseTo((0.5 - 1) * s0 + 0.1, 14);
    expect(body.bias[1]).toBeCloseTo((-1 + 1) * s1 + 0.2, 14);
  });

  it("refuses a linear weight that is not two-dimensional", async () => {
    const { status, body } = await post(foldPost, { layer: "linear", weightShape: [2, 1, 1], weight: [1, 2], runningMean: [0, 0], runningVar: [1, 1] });
    expect(status).toBe(400);
    expect(body.error.path).toEqual(["weightShape"]);
  });
});

describe("results beyond float64", () => {
  it("are refused as bad_value, never sent as null", async () => {
    const { POST: forwardPost } = await import("@/app/api/bn/forward/route");
    const { POST: foldPost } = await import("@/app/api/bn/fold/route");
    const post = (handler: (request: Request) => Promise<Response>, body: unknown) =>
      handler(new Request("http://localhost/api", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }));
    const forward = await post(forwardPost, { shape: [2, 1], input: [0, 1], gamma: [1e308], beta: [1e308] });
    expect(forward.status).toBe(400);
    expect((await forward.json()).error).toMatchObject({ code: "bad_value", path: ["output"] });
    const fold = await post(foldPost, { layer: "linear", weightShape: [1, 1], weight: [1e308], bias: [1e308], gamma: [1e308], runningMean: [-1e308], runningVar: [1e-300] });
    expect(fold.status).toBe(400);
    expect((await fold.json()).error.code).toBe("bad_value");
  });

  it("count every array against the element limit, and normalizedShape against the dimension limit", async () => {
    const { POST: backwardPost } = await import("@/app/api/bn/backward/route");
    const { POST: paramsPost } = await import("@/app/api/bn/params/route");
    const post = (handler: (request: Request) => Promise<Response>, body: unknown) =>
      handler(new Request("http://localhost/api", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }));
    const huge = new Array(100_001).fill(0);
    const backward = await post(backwardPost, { shape: [2, 1], input: [0, 1], dy: huge });
    expect(backward.status).toBe(413);
    expect((await backward.json()).error.path).toEqual(["dy"]);
    const params = await post(paramsPost, { layer: "LayerNorm", normalizedShape: new Array(100_000).fill(2) });
    expect(params.status).toBe(400);
    expect((await params.json()).error.path).toEqual(["normalizedShape"]);
  });
});

describe("POST /api/bn/rms-norm", () => {
  // x = [1, 2, 3, 4] over normalized_shape 4: mean(x²) = 30/4 = 7.5, y = x / √(7.5 + ε) · γ (torch.nn.RMSNorm docs),
  // worked by hand: PyTorch 1.13, which makes this project's fixtures, has no RMSNorm.
  it("divides each row by its root mean square, with PyTorch's default ε (machine epsilon) and γ", async () => {
    const { status, body } = await post(rmsNormPost, { shape: [2, 4], input: [1, 2, 3, 4, -2, 0, 0, 2], normalizedShape: 4, weight: [1, 1, 2, 2] });
    expect(status).toBe(200);
    expect(body).toMatchObject({ framework: "pytorch", normalizedShape: [4], eps: Number.EPSILON, rows: 2, valuesPerRow: 4, meanSquare: [7.5, 2] });
    const expected = [1 / Math.sqrt(7.5), 2 / Math.sqrt(7.5), 6 / Math.sqrt(7.5), 8 / Math.sqrt(7.5), -2 / Math.sqrt(2), 0, 0, 4 / Math.sqrt(2)];
    body.output.forEach((value: number, i: number) => expect(value).toBeCloseTo(expected[i]!, 12));
    expect(body.output[0]).toBeCloseTo(0.365148, 6);
  });

  it("uses Keras's ε of 1e-6, and refuses a shape that does not end in normalizedShape", async () => {
    const keras = await post(rmsNormPost, { framework: "keras", shape: [1, 4], input: [1, 2, 3, 4], normalizedShape: [4] });
    expect(keras.body.eps).toBe(1e-6);
    expect(keras.body.output[3]).toBeCloseTo(4 / Math.sqrt(7.5 + 1e-6), 12);
    const mismatch = await post(rmsNormPost, { shape: [4, 2], input: [1, 2, 3, 4, 5, 6, 7, 8], normalizedShape: 4 });
    expect(mismatch).toMatchObject({ status: 400, body: { error: { code: "shape_mismatch", path: ["normalizedShape"] } } });
    const zeros = await post(rmsNormPost, { shape: [1, 2], input: [0, 0], normalizedShape: 2, eps: 0 });
    expect(zeros).toMatchObject({ status: 400, body: { error: { code: "bad_value" } } });
  });
});
