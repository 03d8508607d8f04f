import type { ModelConfig, NormSettings } from "./config";
import { createBatchNorm, isBatchNorm } from "./layers/batch-norm";
import { createConv2d } from "./layers/conv2d";
import { createDropout } from "./layers/dropout";
import { createGroupNorm, createLayerNorm } from "./layers/group-norm";
import { createLinear } from "./layers/linear";
import { createFlatten, createGlobalAvgPool } from "./layers/pooling";
import { createRelu } from "./layers/relu";
import { product, type Dtype, type FloatArray, type Layer, type Param } from "./layers/types";
import type { Random } from "./random";

/** Where to read one hidden block's values for the probe, as indices into Network.layers. */
export interface Block {
  /** 1-based, as in ProbeConfig. */
  index: number;
  width: number;
  /** Values per unit and sample: 1 in an MLP, H·W in the conv net. */
  spatial: number;
  /** The layer whose output the norm layer reads (or would read, without normalization). */
  preNorm: number;
  /** The layer whose output the ReLU reads. */
  preActivation: number;
  /** The block's norm layer, if any. */
  norm: number | null;
}

export interface Network {
  layers: Layer[];
  params: Param[];
  blocks: Block[];
  sampleShape: number[];
  classes: number;
  maxBatch: number;
  dtype: Dtype;
  /** Each layer's output from the last forward pass (its own buffer, valid until the next one). */
  outputs: FloatArray[];
}

export interface NetworkSpec {
  model: ModelConfig;
  sampleShape: number[];
  classes: number;
  maxBatch: number;
  dtype: Dtype;
  /** Draws the dropout masks. */
  dropoutRandom: Random;
}

const NORM_PREFIX = { batch: "bn", group: "gn", layer: "ln" } as const;

function normLayer(name: string, block: number, settings: NormSettings, shape: number[], maxBatch: number, dtype: Dtype): Layer {
  if (settings.norm === "batch") {
    const frozen = settings.frozenBatchNorm.includes(block);
    return createBatchNorm(name, shape, maxBatch, dtype, { momentum: settings.bnMomentum, eps: settings.eps, frozen });
  }
  if (settings.norm === "group") return createGroupNorm(name, shape, settings.groups, maxBatch, dtype, settings.eps);
  return createLayerNorm(name, shape, maxBatch, dtype, settings.eps);
}

/**
 * Layers named like a PyTorch module's attributes (fc1, bn1, relu1, drop1, conv1, pool, fc3), so that
 * parameter names match a state_dict. An MLP block is fc → [drop] → norm → ReLU → [drop] (norm after
 * ReLU with placement "after-relu"); a conv block is conv → norm → ReLU; the head is a linear layer, after
 * one dropout layer when dropout sits "before-head".
 */
export function buildNetwork(spec: NetworkSpec): Network {
  const { model, maxBatch, dtype } = spec;
  const layers: Layer[] = [];
  const blocks: Block[] = [];
  const last = () => layers.length - 1;
  let shape = model.kind === "mlp" ? [product(spec.sampleShape)] : spec.sampleShape;
  const widths = model.kind === "mlp" ? model.hidden : model.channels;

  widths.forEach((width, i) => {
    const b = i + 1;
    if (model.kind === "mlp") {
      layers.push(createLinear(`fc${b}`, shape[0]!, width, maxBatch, dtype));
      shape = [width];
    } else {
      const [, height, imageWidth] = shape as [number, number, number];
      layers.push(createConv2d(`conv${b}`, shape[0]!, width, [height, imageWidth], maxBatch, dtype));
      shape = [width, height, imageWidth];
    }
    const dropout = model.kind === "mlp" ? model.dropout : null;
    if (dropout?.position === "before-norm") layers.push(createDropout(`drop${b}`, dropout.rate, shape, maxBatch, dtype, spec.dropoutRandom));
    const addNorm = () => {
      const preNorm = last();
      if (model.norm !== "none") layers.push(normLayer(`${NORM_PREFIX[model.norm]}${b}`, b, model, shape, maxBatch, dtype));
      return { preNorm, norm: model.norm === "none" ? null : last() };
    };
    let placed: { preNorm: number; norm: number | null };
    let preActivation: number;
    if (model.placement === "before-relu") {
      placed = addNorm();
      preActivation = last();
      layers.push(createRelu(`relu${b}`, shape, maxBatch, dtype));
    } else {
      preActivation = last();
      layers.push(createRelu(`relu${b}`, shape, maxBatch, dtype));
      placed = addNorm();
    }
    if (dropout?.position === "after-relu") layers.push(createDropout(`drop${b}`, dropout.rate, shape, maxBatch, dtype, spec.dropoutRandom));
    blocks.push({ index: b, width, spatial: product(shape.slice(1)), preActivation, ...placed });
  });

  const headDropout = model.kind === "mlp" ? model.dropout : null;
  if (headDropout?.position === "before-head") {
    layers.push(createDropout("drop", headDropout.rate, shape, maxBatch, dtype, spec.dropoutRandom));
  }
  if (model.kind === "conv") {
    layers.push(model.head === "avgpool" ? createGlobalAvgPool("pool", shape, maxBatch, dtype) : createFlatten("flatten", shape));
    shape = layers[last()]!.outputShape;
  }
  layers.push(createLinear(`fc${widths.length + 1}`, shape[0]!, spec.classes, maxBatch, dtype));

  return {
    layers,
    params: layers.flatMap((layer) => layer.params),
    blocks,
    sampleShape: spec.sampleShape,
    classes: spec.classes,
    maxBatch,
    dtype,
    outputs: [],
  };
}

/** Runs every layer, keeping each one's output in network.outputs; returns the logits (batch × classes). */
export function forwardNetwork(network: Network, input: FloatArray, batch: number, training: boolean): FloatArray {
  let values = input;
  network.layers.forEach((layer, index) => {
    values = layer.forward(values, batch, training);
    network.outputs[index] = values;
  });
  return values;
}

/** Backpropagates ∂loss/∂logits through every layer, filling every parameter's gradient. */
export function backwardNetwork(network: Network, gradLogits: FloatArray, batch: number): void {
  let gradient = gradLogits;
  for (let i = network.layers.length - 1; i >= 0; i--) {
    const gradInput = network.layers[i]!.backward(gradient, batch, i > 0);
    if (gradInput) gradient = gradInput;
  }
}

export interface NetworkState {
  params: { name: string; shape: number[]; values: number[] }[];
  /** BatchNorm buffers: running_mean, running_var, num_batches_tracked per layer. */
  buffers: { name: string; values: number[] }[];
}

/** Every parameter and buffer as plain arrays, named like PyTorch's state_dict. */
export function networkState(network: Network): NetworkState {
  return {
    params: network.params.map(({ name, shape, value }) => ({ name, shape: [...shape], values: Array.from(value) })),
    buffers: network.layers.filter(isBatchNorm).flatMap((layer) => [
      { name: `${layer.name}.running_mean`, values: Array.from(layer.runningMean) },
      { name: `${layer.name}.running_var`, values: Array.from(layer.runningVar) },
      { name: `${layer.name}.num_batches_tracked`, values: [layer.numBatchesTracked()] },
    ]),
  };
}
