import { describe, expect, it } from "vitest";
import { countParams } from "./index";
import { catchError } from "./test-utils";

// torch/nn/modules/{batchnorm,instancenorm,normalization}.py v1.13: weight/bias are Parameters,
// running_mean/running_var/num_batches_tracked (0-dim) are buffers; parameters() excludes buffers.
describe("countParams, PyTorch", () => {
  it("counts BatchNorm2d(64): 128 parameters plus 129 buffer elements", () => {
    expect(countParams({ layer: "BatchNorm2d", numFeatures: 64 })).toEqual({
      framework: "pytorch",
      layer: "BatchNorm2d",
      trainable: 128,
      nonTrainable: 0,
      buffers: 129,
      reportedTotal: 128,
      tensors: [
        { name: "weight", shape: [64], kind: "parameter" },
        { name: "bias", shape: [64], kind: "parameter" },
        { name: "running_mean", shape: [64], kind: "buffer" },
        { name: "running_var", shape: [64], kind: "buffer" },
        { name: "num_batches_tracked", shape: [], kind: "buffer" },
      ],
    });
  });

  it("follows affine and track_running_stats", () => {
    expect(countParams({ layer: "BatchNorm1d", numFeatures: 10, affine: false })).toMatchObject({ reportedTotal: 0, buffers: 21 });
    expect(countParams({ layer: "BatchNorm3d", numFeatures: 10, trackRunningStats: false })).toMatchObject({
      reportedTotal: 20,
      buffers: 0,
    });
  });

  it("defaults InstanceNorm to no parameters and no buffers", () => {
    expect(countParams({ layer: "InstanceNorm2d", numFeatures: 32 })).toMatchObject({ reportedTotal: 0, buffers: 0, tensors: [] });
    expect(countParams({ layer: "InstanceNorm1d", numFeatures: 32, affine: true, trackRunningStats: true })).toMatchObject({
      reportedTotal: 64,
      buffers: 65,
    });
  });

  it("counts LayerNorm over the whole normalized shape and GroupNorm per channel", () => {
    expect(countParams({ layer: "LayerNorm", normalizedShape: [4, 5] })).toMatchObject({
      reportedTotal: 40,
      tensors: [
        { name: "weight", shape: [4, 5] },
        { name: "bias", shape: [4, 5] },
      ],
    });
    expect(countParams({ layer: "LayerNorm", normalizedShape: 768 }).reportedTotal).toBe(1536);
    expect(countParams({ layer: "LayerNorm", normalizedShape: 768, elementwiseAffine: false }).reportedTotal).toBe(0);
    expect(countParams({ layer: "GroupNorm", numGroups: 8, numChannels: 64 })).toMatchObject({ reportedTotal: 128, buffers: 0 });
    expect(countParams({ layer: "LocalResponseNorm", size: 5 })).toMatchObject({ reportedTotal: 0, buffers: 0, tensors: [] });
  });

  it("rejects invalid layer arguments with typed errors", () => {
    expect(catchError(() => countParams({ layer: "GroupNorm", numGroups: 4, numChannels: 6 }))).toMatchObject({
      code: "groups_not_dividing",
      message: "num_channels must be divisible by num_groups",
    });
    expect(catchError(() => countParams({ layer: "BatchNorm2d", numFeatures: 0 }))).toMatchObject({ code: "bad_size", path: ["numFeatures"] });
    expect(catchError(() => countParams({ layer: "LayerNorm", normalizedShape: [3, -1] }))).toMatchObject({ code: "bad_size" });
    expect(catchError(() => countParams({ layer: "LayerNorm", normalizedShape: [] }))).toMatchObject({ code: "bad_size" });
    expect(catchError(() => countParams({ layer: "LocalResponseNorm", size: 2.5 }))).toMatchObject({ code: "bad_size" });
  });
});

// torch.nn.RMSNorm docs (2.4+): weight of shape normalized_shape, no bias. keras/src/layers/normalization/
// rms_normalization.py: one "scale" weight over the axis. Conv2d and Linear counts checked against PyTorch 1.13:
// Conv2d(3, 64, 3) → 1792 (1728 with bias=False), Conv2d(64, 128, (3, 5)) → 123008, Linear(512, 10) → 5130 (5120).
describe("countParams, RMSNorm and the layer before a BN", () => {
  it("counts RMSNorm as one γ per element and no β: half of LayerNorm on the same shape", () => {
    expect(countParams({ layer: "RMSNorm", normalizedShape: 4096 })).toMatchObject({
      framework: "pytorch",
      trainable: 4096,
      buffers: 0,
      reportedTotal: 4096,
      tensors: [{ name: "weight", shape: [4096], kind: "parameter" }],
    });
    expect(countParams({ layer: "LayerNorm", normalizedShape: 4096 }).reportedTotal).toBe(8192);
    expect(countParams({ layer: "RMSNorm", normalizedShape: [4, 5] }).reportedTotal).toBe(20);
    expect(countParams({ layer: "RMSNorm", normalizedShape: 64, elementwiseAffine: false })).toMatchObject({ reportedTotal: 0, tensors: [] });
    expect(countParams({ layer: "RMSNormalization", features: 768 })).toMatchObject({
      framework: "keras",
      trainable: 768,
      nonTrainable: 0,
      reportedTotal: 768,
      tensors: [{ name: "scale", shape: [768], kind: "parameter" }],
    });
  });

  it("counts Conv2d and Linear with and without their bias, as PyTorch 1.13 does", () => {
    expect(countParams({ layer: "Conv2d", inChannels: 3, outChannels: 64, kernelSize: 3 })).toMatchObject({
      reportedTotal: 1792,
      tensors: [
        { name: "weight", shape: [64, 3, 3, 3] },
        { name: "bias", shape: [64] },
      ],
    });
    expect(countParams({ layer: "Conv2d", inChannels: 3, outChannels: 64, kernelSize: 3, bias: false }).reportedTotal).toBe(1728);
    expect(countParams({ layer: "Conv2d", inChannels: 64, outChannels: 128, kernelSize: [3, 5] }).reportedTotal).toBe(123008);
    expect(countParams({ layer: "Conv2d", inChannels: 16, outChannels: 32, kernelSize: 1 }).reportedTotal).toBe(544);
    expect(countParams({ layer: "Linear", inFeatures: 512, outFeatures: 10 })).toMatchObject({ reportedTotal: 5130, buffers: 0 });
    expect(countParams({ layer: "Linear", inFeatures: 512, outFeatures: 10, bias: false }).reportedTotal).toBe(5120);
  });

  it("rejects sizes that are not positive integers", () => {
    expect(catchError(() => countParams({ layer: "Conv2d", inChannels: 3, outChannels: 0, kernelSize: 3 }))).toMatchObject({ code: "bad_size", path: ["outChannels"] });
    expect(catchError(() => countParams({ layer: "Conv2d", inChannels: 3, outChannels: 8, kernelSize: [3, 0] }))).toMatchObject({ code: "bad_size", path: ["kernelSize"] });
    expect(catchError(() => countParams({ layer: "Linear", inFeatures: 1.5, outFeatures: 2 }))).toMatchObject({ code: "bad_size", path: ["inFeatures"] });
    expect(catchError(() => countParams({ layer: "RMSNorm", normalizedShape: [] }))).toMatchObject({ code: "bad_size" });
  });
});
