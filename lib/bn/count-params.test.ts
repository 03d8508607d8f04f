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
