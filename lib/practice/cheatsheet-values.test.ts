import { describe, expect, it } from "vitest";
import { countParams, forward, frameworkDefaults } from "@/lib/bn";
import { formatNumber } from "@/lib/calculator";
import { cheatSheetValue } from "./cheatsheet-values";

describe("cheatSheetValue", () => {
  it("fills framework defaults from lib/bn, never from a table of its own", () => {
    const [pytorch, keras] = [frameworkDefaults("pytorch"), frameworkDefaults("keras")];
    expect(cheatSheetValue("pytorch.eps")).toBe(formatNumber(pytorch.eps));
    expect(cheatSheetValue("pytorch.eps")).toBe("1e-5");
    expect(cheatSheetValue("keras.eps")).toBe("0.001");
    expect(cheatSheetValue("pytorch.momentum")).toBe("0.1");
    expect(cheatSheetValue("keras.momentum")).toBe(formatNumber(keras.momentum));
    expect(cheatSheetValue("pytorch.runningVarInit")).toBe("1");
    expect(cheatSheetValue("pytorch.affine")).toBe("True");
    expect(cheatSheetValue("keras.rmsNormEps")).toBe("1e-6");
  });

  it("takes what one running update gives the new batch from a real training forward pass", () => {
    expect(cheatSheetValue("pytorch.batchWeight")).toBe("0.1");
    expect(cheatSheetValue("pytorch.keepWeight")).toBe("0.9");
    // Keras's momentum weights the old value: 0.99 keeps 0.99 and gives the batch 0.01.
    expect(cheatSheetValue("keras.batchWeight")).toBe("0.01");
    expect(cheatSheetValue("keras.keepWeight")).toBe("0.99");
    const update = forward({ framework: "keras", mode: "train", input: [0, 2], shape: [2, 1], runningMean: [0] });
    expect(cheatSheetValue("keras.batchWeight")).toBe(formatNumber(update.running!.meanAfter[0]!));
  });

  it("counts parameters with countParams, arguments as the framework's constructor takes them", () => {
    expect(cheatSheetValue("params.BatchNorm2d(64).trainable")).toBe("128");
    expect(cheatSheetValue("params.BatchNorm2d(64).buffers")).toBe("129");
    expect(cheatSheetValue("params.BatchNorm2d(64, affine=False).trainable")).toBe("0");
    expect(cheatSheetValue("params.BatchNorm2d(64, track_running_stats=False).buffers")).toBe("0");
    expect(cheatSheetValue("params.BatchNormalization(64).reportedTotal")).toBe("256");
    expect(cheatSheetValue("params.BatchNormalization(64, scale=False).reportedTotal")).toBe("192");
    expect(cheatSheetValue("params.GroupNorm(32, 64).trainable")).toBe("128");
    expect(cheatSheetValue("params.InstanceNorm2d(64).trainable")).toBe("0");
    expect(cheatSheetValue("params.LayerNorm([64, 7, 7]).trainable")).toBe("6272");
    expect(cheatSheetValue("params.Conv2d(64, 128, 3, bias=False).trainable")).toBe(
      String(countParams({ layer: "Conv2d", inChannels: 64, outChannels: 128, kernelSize: 3, bias: false }).trainable),
    );
    expect(cheatSheetValue("params.Conv2d(64, 128, 3).trainable")).toBe("73856");
  });

  it("counts the values behind each channel's statistics with a forward pass", () => {
    expect(cheatSheetValue("valuesPerChannel(8, 64, 14, 14)")).toBe("1568");
    expect(cheatSheetValue("valuesPerChannel(4, 3, 5)")).toBe("20");
  });

  it("prints TeX on request, for use inside math", () => {
    expect(cheatSheetValue("pytorch.eps|tex")).toBe("10^{-5}");
    expect(cheatSheetValue("keras.eps | tex")).toBe("0.001");
  });

  it.each([
    ["pytorch.epsilon", /unknown pytorch default "epsilon"; known: eps, momentum/],
    ["keras.trackRunningStats", /unknown keras default "trackRunningStats"/],
    ["tensorflow.eps", /unknown placeholder/],
    ["params.BatchNorm4d(64).trainable", /unknown layer BatchNorm4d/],
    ["params.BatchNorm2d(64).weights", /unknown count "weights"/],
    ["params.BatchNorm2d(0).trainable", /numFeatures must be a positive integer/],
    ["params.GroupNorm(3, 64).trainable", /num_channels must be divisible by num_groups/],
    ["params.BatchNorm2d(64, channels=3).trainable", /Unrecognized key: "channels"/],
    ["params.Linear(1, 2, 3).trainable", /Linear takes 2 positional argument/],
    ["params.BatchNorm2d(sixty-four).trainable", /"sixty-four" is not a number/],
    ["valuesPerChannel(64)", /a shape of 2 to 5 positive integers/],
    ["valuesPerChannel(32, 64, 56, 56)", /at most 1000000/],
    ["pytorch.eps|latex", /the only format is "\|tex"/],
  ])("refuses {{%s}}, saying why", (reference, problem) => {
    expect(() => cheatSheetValue(reference)).toThrow(problem);
  });
});
