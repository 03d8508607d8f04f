import { describe, expect, it } from "vitest";
import { mulberry32 } from "@/lib/bn/random";
import { resolveConfig, type LabSettings } from "./config";
import { createBatchNorm } from "./layers/batch-norm";
import { createConv2d } from "./layers/conv2d";
import { dropoutBackward, dropoutForward } from "./layers/dropout";
import { createGroupNorm, createLayerNorm } from "./layers/group-norm";
import { createLinear } from "./layers/linear";
import { createFlatten, createGlobalAvgPool } from "./layers/pooling";
import { createRelu } from "./layers/relu";
import type { Layer } from "./layers/types";
import { softmaxCrossEntropy } from "./loss";
import { backwardNetwork, forwardNetwork } from "./network";
import { expectClose } from "./test-utils";
import { createLabModel } from "./trainer";

// Central differences (f(x + h) − f(x − h))/2h have error O(h²) from truncation and O(ε·|f|/h) from
// rounding; with h = 1e-5 in float64 both are far below this bound.
const H = 1e-5;
const TOLERANCE = { relative: 1e-6, absolute: 1e-7 };

function randomValues(seed: number, count: number, scale = 2, avoidZero = 0): Float64Array {
  const random = mulberry32(seed);
  return Float64Array.from({ length: count }, () => {
    const value = (random() - 0.5) * scale;
    return Math.abs(value) < avoidZero ? value + Math.sign(value || 1) * avoidZero : value;
  });
}

function centralDifference(values: Float64Array, index: number, loss: () => number): number {
  const kept = values[index]!;
  values[index] = kept + H;
  const above = loss();
  values[index] = kept - H;
  const below = loss();
  values[index] = kept;
  return (above - below) / (2 * H);
}

/**
 * Checks a layer's backward pass against finite differences of the scalar Σ dy·y, for every input value
 * and every parameter value.
 */
function checkLayer(layer: Layer, input: Float64Array, batch: number, training: boolean, seed: number): void {
  const outputSize = layer.forward(input, batch, training).length;
  const gradOutput = randomValues(seed, outputSize);
  const loss = () => {
    const output = layer.forward(input, batch, training);
    let sum = 0;
    for (let i = 0; i < outputSize; i++) sum += gradOutput[i]! * output[i]!;
    return sum;
  };
  loss();
  const gradInput = Float64Array.from(layer.backward(gradOutput, batch, true)!);
  const paramGrads = layer.params.map((parameter) => Float64Array.from(parameter.grad));
  const numericInput = input.map((_, i) => centralDifference(input, i, loss));
  expectClose(gradInput, numericInput, TOLERANCE, `${layer.name} dx`);
  layer.params.forEach((parameter, p) => {
    const values = parameter.value as Float64Array;
    const numeric = values.map((_, i) => centralDifference(values, i, loss));
    expectClose(paramGrads[p]!, numeric, TOLERANCE, `${parameter.name}.grad`);
  });
}

/** Parameters moved off their initial values, so that γ ≠ 1 and β ≠ 0 take part in the check. */
function perturbParams(layer: Layer, seed: number): void {
  layer.params.forEach((parameter, p) => {
    const noise = randomValues(seed + p, parameter.value.length, 1);
    parameter.value.forEach((value, i) => (parameter.value[i] = value + noise[i]!));
  });
}

describe("every layer's gradient against central finite differences (float64)", () => {
  it("linear", () => {
    const layer = createLinear("fc", 5, 4, 3, "float64");
    perturbParams(layer, 1);
    checkLayer(layer, randomValues(2, 15), 3, true, 3);
  });

  it("conv2d 3×3, stride 1, padding 1", () => {
    const layer = createConv2d("conv", 2, 3, [4, 5], 2, "float64");
    perturbParams(layer, 4);
    checkLayer(layer, randomValues(5, 2 * 2 * 4 * 5), 2, true, 6);
  });

  it("ReLU, away from its kink", () => {
    checkLayer(createRelu("relu", [6], 3, "float64"), randomValues(7, 18, 2, 0.01), 3, true, 8);
  });

  it.each([
    ["(N, C) in training", [4], true, false],
    ["(N, C, H, W) in training", [3, 2, 3], true, false],
    ["(N, C, H, W) in eval", [3, 2, 3], false, false],
    ["(N, C) frozen while training", [3], true, true],
  ] as const)("BatchNorm %s", (_, shape, training, frozen) => {
    const layer = createBatchNorm("bn", [...shape], 4, "float64", { momentum: 0.1, eps: 1e-5, frozen });
    perturbParams(layer, 9);
    layer.runningVar.set([0.5, 2, 1.5].slice(0, shape[0]));
    layer.runningMean.set([0.2, -0.3, 0.1].slice(0, shape[0]));
    const size = 4 * shape.reduce((a, b) => a * b, 1);
    checkLayer(layer, randomValues(10, size, 3), 4, training, 11);
  });

  it.each([
    ["GroupNorm(2, 4) on (N, 4, 2, 3)", () => createGroupNorm("gn", [4, 2, 3], 2, 3, "float64", 1e-5), 3 * 24],
    ["GroupNorm(3, 6) on (N, 6)", () => createGroupNorm("gn", [6], 3, 3, "float64", 1e-5), 3 * 6],
    ["LayerNorm(5) on (N, 5)", () => createLayerNorm("ln", [5], 3, "float64", 1e-5), 3 * 5],
    ["LayerNorm((2, 2, 3)) on (N, 2, 2, 3)", () => createLayerNorm("ln", [2, 2, 3], 3, "float64", 1e-5), 3 * 12],
  ] as const)("%s", (_, create, size) => {
    const layer = create();
    perturbParams(layer, 12);
    checkLayer(layer, randomValues(13, size, 3), 3, true, 14);
  });

  it("global average pooling and flatten", () => {
    checkLayer(createGlobalAvgPool("pool", [3, 2, 2], 2, "float64"), randomValues(15, 24), 2, true, 16);
    checkLayer(createFlatten("flatten", [3, 2, 2]), randomValues(17, 24), 2, true, 18);
  });

  it("dropout with a fixed mask", () => {
    const count = 12;
    const mask = Uint8Array.from({ length: count }, (_, i) => (i % 3 === 0 ? 0 : 1));
    const input = randomValues(19, count);
    const gradOutput = randomValues(20, count);
    const output = new Float64Array(count);
    const loss = () => {
      dropoutForward(input, mask, 0.3, count, output);
      return output.reduce((sum, y, i) => sum + gradOutput[i]! * y, 0);
    };
    const gradInput = new Float64Array(count);
    dropoutBackward(gradOutput, mask, 0.3, count, gradInput);
    expectClose(gradInput, input.map((_, i) => centralDifference(input, i, loss)), TOLERANCE, "dropout dx");
  });

  it("softmax cross-entropy with respect to the logits", () => {
    const [batch, classes] = [4, 3];
    const logits = randomValues(21, batch * classes, 6);
    const labels = [0, 2, 1, 2];
    const gradLogits = new Float64Array(batch * classes);
    softmaxCrossEntropy(logits, labels, batch, classes, gradLogits);
    const loss = () => softmaxCrossEntropy(logits, labels, batch, classes, null).loss;
    expectClose(gradLogits, logits.map((_, i) => centralDifference(logits, i, loss)), TOLERANCE, "dlogits");
  });
});

describe("whole networks' gradients against finite differences of the loss", () => {
  const cases: [string, LabSettings][] = [
    ["MLP with BatchNorm before ReLU", { model: { hidden: [6, 5] }, batchSize: 5 }],
    ["MLP with GroupNorm after ReLU", { model: { hidden: [6, 4], norm: "group", groups: 2, placement: "after-relu" }, batchSize: 5 }],
    ["conv net with BatchNorm, average pooling", { data: { name: "bars" }, model: { kind: "conv", channels: [2, 3] }, batchSize: 3 }],
    ["conv net with LayerNorm, flatten", { data: { name: "bars" }, model: { kind: "conv", channels: [2], norm: "layer", head: "flatten" }, batchSize: 2 }],
  ];
  it.each(cases)("%s", (_, settings) => {
    const config = resolveConfig({ ...settings, probe: null, seed: 3 });
    const { network } = createLabModel(config);
    const batch = config.batchSize;
    const perSample = network.sampleShape.reduce((a, b) => a * b, 1);
    const inputs = randomValues(22, batch * perSample, 2);
    const labels = Array.from({ length: batch }, (_, n) => n % network.classes);
    const gradLogits = new Float64Array(batch * network.classes);
    const loss = () => softmaxCrossEntropy(forwardNetwork(network, inputs, batch, true), labels, batch, network.classes, null).loss;
    softmaxCrossEntropy(forwardNetwork(network, inputs, batch, true), labels, batch, network.classes, gradLogits);
    backwardNetwork(network, gradLogits, batch);
    for (const parameter of network.params) {
      const values = parameter.value as Float64Array;
      // Every value of small tensors, a spread of 7 of larger ones.
      const step = Math.max(1, Math.floor(values.length / 7));
      for (let i = 0; i < values.length; i += step) {
        const numeric = centralDifference(values, i, loss);
        expectClose([parameter.grad[i]!], [numeric], TOLERANCE, `${parameter.name}[${i}]`);
      }
    }
    expect(network.params.length).toBeGreaterThan(0);
  });
});
