import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG, PRESET_NAMES, resolveConfig, type LabSettings } from "./config";
import { LabError } from "./errors";
import { catchError } from "./test-utils";
import { createTrainer } from "./trainer";

describe("resolveConfig", () => {
  it("defaults to the issue's experiment: MLP 2→64→64→2 with BatchNorm on 2,000 spiral points, batch 32", () => {
    const config = resolveConfig();
    expect(config).toEqual(DEFAULT_CONFIG);
    expect(config.model).toMatchObject({ kind: "mlp", hidden: [64, 64], norm: "batch", placement: "before-relu" });
    expect(config.data).toMatchObject({ name: "spirals", trainSize: 2000 });
    expect(config.batchSize).toBe(32);
    expect(config.dtype).toBe("float64");
  });

  it("applies a preset, then the caller's changes; switching the model kind starts from that kind's defaults", () => {
    const config = resolveConfig({ preset: "bars-conv-batchnorm", model: { norm: "group", groups: 4 }, dtype: "float32" });
    expect(config.model).toMatchObject({ kind: "conv", channels: [8, 16], norm: "group", groups: 4, head: "avgpool" });
    expect(config.data.name).toBe("bars");
    expect(config.dtype).toBe("float32");
    expect(resolveConfig({ data: { name: "bars" }, model: { kind: "conv" } }).model).toMatchObject({ kind: "conv", channels: [8, 16] });
    expect(resolveConfig({ probe: null }).probe).toBeNull();
  });

  it("every preset builds a trainer that takes a step", () => {
    for (const preset of PRESET_NAMES) {
      const trainer = createTrainer(preset);
      expect(trainer.step().kind, preset).toBe("step");
    }
  });

  const rejected: [string, LabSettings, string, (string | number)[]][] = [
    ["a batch larger than the data set", { batchSize: 2001 }, "batch_too_large", ["batchSize"]],
    ["a learning rate of 0", { optimizer: { lr: 0 } }, "bad_learning_rate", ["optimizer", "lr"]],
    ["a negative learning rate", { optimizer: { lr: -0.1 } }, "bad_learning_rate", ["optimizer", "lr"]],
    ["a NaN learning rate", { optimizer: { lr: Number.NaN } }, "bad_learning_rate", ["optimizer", "lr"]],
    ["groups that do not divide the widths", { model: { norm: "group", groups: 5 } }, "groups_not_dividing", ["model", "groups"]],
    ["an unknown preset", { preset: "spirals-batchnorm-2" }, "unknown_preset", ["preset"]],
    ["a conv net on points", { model: { kind: "conv" } }, "model_data_mismatch", ["model", "kind"]],
    ["BatchNorm with batches of one", { batchSize: 1 }, "too_few_values", ["batchSize"]],
    ["BatchNorm with a last batch of one", { batchSize: 3, dropLast: false, data: { trainSize: 100 } }, "too_few_values", ["batchSize"]],
    ["an unknown dtype", { dtype: "float16" as "float32" }, "bad_value", ["dtype"]],
    ["a width of 0", { model: { hidden: [64, 0] } }, "bad_value", ["model", "hidden", 1]],
    ["momentum 1", { optimizer: { momentum: 1 } }, "bad_value", ["optimizer", "momentum"]],
    ["a probe past the last block", { probe: { block: 3 } }, "bad_value", ["probe", "block"]],
    ["a probe unit past the width", { probe: { unit: 64 } }, "bad_value", ["probe", "unit"]],
    ["an unknown dropout position", { model: { dropout: { rate: 0.5, position: "after-norm" as "before-head" } } }, "bad_value", ["model", "dropout", "position"]],
    ["a dropout rate of 1", { model: { dropout: { rate: 1, position: "after-relu" } } }, "bad_value", ["model", "dropout", "rate"]],
    ["a seed past 2³²", { seed: 2 ** 32 }, "bad_value", ["seed"]],
    ["freezing a block that does not exist", { model: { frozenBatchNorm: [3] } }, "bad_value", ["model", "frozenBatchNorm", 0]],
  ];
  it.each(rejected)("rejects %s with a typed error carrying code and path", (_, settings, code, path) => {
    const error = catchError(() => resolveConfig(settings));
    expect(error).toBeInstanceOf(LabError);
    expect((error as LabError).toJSON()).toMatchObject({ code, path });
    expect(() => createTrainer(settings)).toThrow(LabError);
  });

  it("names PyTorch's reason when groups do not divide the channels", () => {
    expect(catchError(() => resolveConfig({ model: { norm: "group", groups: 5 } }))).toMatchObject({
      message: expect.stringContaining("num_channels must be divisible by num_groups"),
    });
  });
});
