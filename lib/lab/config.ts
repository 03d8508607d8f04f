import type { DatasetName } from "./datasets";
import { LabError } from "./errors";
import type { Dtype } from "./layers/types";
import type { SgdOptions } from "./sgd";

export type Norm = "none" | "batch" | "group" | "layer";
/** Where the norm layer sits in a block: linear/conv → norm → ReLU (as in [Ioffe] §3.2) or after ReLU. */
export type NormPlacement = "before-relu" | "after-relu";
/** Dropout at the end of each hidden block, between the linear layer and its norm layer, or once after the
 * last hidden block (after every norm layer, Li et al. 2019's remedy for the variance shift). */
export type DropoutPosition = "after-relu" | "before-norm" | "before-head";
/** The value a probe watches: the norm layer's input, or the ReLU's input (what [Ioffe] Fig. 1 plots). */
export type ProbePoint = "pre-norm" | "pre-activation";

export interface NormSettings {
  norm: Norm;
  placement: NormPlacement;
  /** GroupNorm's number of groups; must divide every block's width. */
  groups: number;
  /** BatchNorm's momentum (PyTorch meaning); null = cumulative average. */
  bnMomentum: number | null;
  eps: number;
  /** 1-based blocks whose BatchNorm stays in eval mode while training (running statistics, not updated). */
  frozenBatchNorm: number[];
}

export interface MlpConfig extends NormSettings {
  kind: "mlp";
  /** Widths of the hidden layers; the input and output sizes come from the data set. */
  hidden: number[];
  dropout: { rate: number; position: DropoutPosition } | null;
}

export interface ConvNetConfig extends NormSettings {
  kind: "conv";
  /** Output channels of each 3×3 conv block. */
  channels: number[];
  /** Global average pooling or flattening before the linear head. */
  head: "avgpool" | "flatten";
}

export type ModelConfig = MlpConfig | ConvNetConfig;

export interface DataConfig {
  name: DatasetName;
  trainSize: number;
  testSize: number;
  noise: number;
  /** Blobs only; spirals have 2 classes and bars 4. */
  classes: number;
}

export interface ProbeConfig {
  /** 1-based hidden block. */
  block: number;
  /** Channel or unit of that block. */
  unit: number;
  point: ProbePoint;
}

export interface LabConfig {
  /** One uint32 seeds everything: data, initial weights, shuffling, dropout masks. */
  seed: number;
  dtype: Dtype;
  data: DataConfig;
  model: ModelConfig;
  batchSize: number;
  /** Skip each epoch's last, smaller batch (so every step's batch statistics use batchSize samples). */
  dropLast: boolean;
  optimizer: SgdOptions;
  /** Per-step activation percentiles and batch statistics of one unit; null for none. */
  probe: ProbeConfig | null;
}

/** What a caller may pass: any part of a LabConfig, over a preset (the default one if none is named). */
export interface LabSettings {
  preset?: string;
  seed?: number;
  dtype?: Dtype;
  data?: Partial<DataConfig>;
  model?: Partial<MlpConfig> | Partial<ConvNetConfig>;
  batchSize?: number;
  dropLast?: boolean;
  optimizer?: Partial<SgdOptions>;
  probe?: Partial<ProbeConfig> | null;
}

const NORM_DEFAULTS: NormSettings = {
  norm: "batch",
  placement: "before-relu",
  groups: 8,
  bnMomentum: 0.1,
  eps: 1e-5,
  frozenBatchNorm: [],
};

export const DEFAULT_MLP: MlpConfig = { kind: "mlp", hidden: [64, 64], ...NORM_DEFAULTS, dropout: null };
export const DEFAULT_CONV_NET: ConvNetConfig = { kind: "conv", channels: [8, 16], ...NORM_DEFAULTS, head: "avgpool" };

/** The default experiment: MLP 2→64→64→2 with BatchNorm before ReLU on two spirals. */
export const DEFAULT_CONFIG: LabConfig = {
  seed: 1,
  dtype: "float64",
  data: { name: "spirals", trainSize: 2000, testSize: 1000, noise: 0.05, classes: 2 },
  model: DEFAULT_MLP,
  batchSize: 32,
  dropLast: true,
  optimizer: { lr: 0.1, momentum: 0.9, weightDecay: 5e-4 },
  probe: { block: 1, unit: 0, point: "pre-norm" },
};

const DEEP = [64, 64, 64, 64, 64, 64, 64, 64];
const BARS: Partial<DataConfig> = { name: "bars", trainSize: 1024, testSize: 512, noise: 0.3 };

/** Named experiments, each a set of changes to DEFAULT_CONFIG. */
export const PRESETS = {
  "spirals-batchnorm": {},
  "spirals-plain": { model: { norm: "none" } },
  "spirals-batchnorm-after-relu": { model: { placement: "after-relu" } },
  "spirals-layernorm": { model: { norm: "layer" } },
  "spirals-groupnorm": { model: { norm: "group", groups: 8 } },
  "spirals-deep-batchnorm": { model: { hidden: DEEP } },
  "spirals-deep-plain": { model: { hidden: DEEP, norm: "none" } },
  "spirals-dropout-before-batchnorm": { model: { dropout: { rate: 0.2, position: "before-norm" } } },
  "spirals-dropout-after-relu": { model: { dropout: { rate: 0.2, position: "after-relu" } } },
  // The learning rate scaled with the batch (0.1·4/32); at 0.1 the net collapses, with or without BN.
  "blobs-batchnorm-batch-4": { data: { name: "blobs", noise: 0.8, classes: 3 }, batchSize: 4, optimizer: { lr: 0.0125 } },
  "bars-conv-batchnorm": { data: BARS, model: { ...DEFAULT_CONV_NET } },
  "bars-conv-plain": { data: BARS, model: { ...DEFAULT_CONV_NET, norm: "none" } },
} satisfies Record<string, LabSettings>;

export type PresetName = keyof typeof PRESETS;
export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];

function isPresetName(name: string): name is PresetName {
  return Object.hasOwn(PRESETS, name);
}

/** The full configuration for some settings: preset (or default), then the caller's changes; checked. */
export function resolveConfig(settings: LabSettings | PresetName = {}): LabConfig {
  const given: LabSettings = typeof settings === "string" ? { preset: settings } : settings;
  let base = DEFAULT_CONFIG;
  if (given.preset !== undefined) {
    if (typeof given.preset !== "string" || !isPresetName(given.preset)) {
      throw new LabError("unknown_preset", `unknown preset ${JSON.stringify(given.preset)}; known: ${PRESET_NAMES.join(", ")}`, ["preset"]);
    }
    base = merge(DEFAULT_CONFIG, PRESETS[given.preset]);
  }
  return checkConfig(merge(base, given));
}

function merge(base: LabConfig, settings: LabSettings): LabConfig {
  const kind = settings.model?.kind ?? base.model.kind;
  const baseModel = kind === base.model.kind ? base.model : kind === "conv" ? DEFAULT_CONV_NET : DEFAULT_MLP;
  let probe: ProbeConfig | null = null;
  if (settings.probe !== null && (settings.probe !== undefined || base.probe !== null)) {
    probe = { ...DEFAULT_CONFIG.probe!, ...base.probe, ...settings.probe };
  }
  return {
    seed: settings.seed ?? base.seed,
    dtype: settings.dtype ?? base.dtype,
    data: { ...base.data, ...settings.data },
    model: { ...baseModel, ...settings.model } as ModelConfig,
    batchSize: settings.batchSize ?? base.batchSize,
    dropLast: settings.dropLast ?? base.dropLast,
    optimizer: { ...base.optimizer, ...settings.optimizer },
    probe,
  };
}

function fail(code: ConstructorParameters<typeof LabError>[0], message: string, path: (string | number)[]): never {
  throw new LabError(code, message, path);
}

function checkInteger(value: unknown, min: number, max: number, path: (string | number)[]): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    fail("bad_value", `${path.join(".")} must be an integer from ${min} to ${max}, got ${String(value)}`, path);
  }
  return value;
}

function checkNumber(value: unknown, min: number, max: number, path: (string | number)[], open = false): number {
  const inRange = typeof value === "number" && Number.isFinite(value) && value >= min && (open ? value < max : value <= max);
  if (!inRange) {
    fail("bad_value", `${path.join(".")} must be a number in [${min}, ${max}${open ? ")" : "]"}, got ${String(value)}`, path);
  }
  return value as number;
}

function checkChoice<T extends string>(value: unknown, choices: readonly T[], path: (string | number)[]): T {
  if (!choices.includes(value as T)) {
    fail("bad_value", `${path.join(".")} must be one of ${choices.join(", ")}, got ${String(value)}`, path);
  }
  return value as T;
}

const MAX_SAMPLES = 100_000;
const MAX_WIDTH = 1024;

function checkConfig(config: LabConfig): LabConfig {
  checkInteger(config.seed, 0, 0xffffffff, ["seed"]);
  checkChoice(config.dtype, ["float64", "float32"], ["dtype"]);
  const { data, model, optimizer } = config;
  const dataset = checkChoice(data.name, ["spirals", "blobs", "bars"], ["data", "name"]);
  checkInteger(data.trainSize, 2, MAX_SAMPLES, ["data", "trainSize"]);
  checkInteger(data.testSize, 1, MAX_SAMPLES, ["data", "testSize"]);
  checkNumber(data.noise, 0, 10, ["data", "noise"]);
  checkInteger(data.classes, 2, 8, ["data", "classes"]);

  const kind = checkChoice(model.kind, ["mlp", "conv"], ["model", "kind"]);
  if (kind === "conv" && dataset !== "bars") {
    fail("model_data_mismatch", `the conv net needs images (data.name "bars"), got "${dataset}"`, ["model", "kind"]);
  }
  const widths = model.kind === "mlp" ? model.hidden : model.channels;
  const widthsKey = model.kind === "mlp" ? "hidden" : "channels";
  if (!Array.isArray(widths) || widths.length < 1 || widths.length > 8) {
    fail("bad_value", `model.${widthsKey} must list 1 to 8 layer widths`, ["model", widthsKey]);
  }
  widths.forEach((width, index) => checkInteger(width, 1, MAX_WIDTH, ["model", widthsKey, index]));
  const norm = checkChoice(model.norm, ["none", "batch", "group", "layer"], ["model", "norm"]);
  checkChoice(model.placement, ["before-relu", "after-relu"], ["model", "placement"]);
  checkInteger(model.groups, 1, MAX_WIDTH, ["model", "groups"]);
  if (norm === "group") {
    const index = widths.findIndex((width) => width % model.groups !== 0);
    if (index >= 0) {
      // PyTorch's wording, torch/nn/modules/normalization.py v1.13 GroupNorm.__init__.
      fail("groups_not_dividing", `num_channels must be divisible by num_groups (${widths[index]} channels, ${model.groups} groups)`, [
        "model",
        "groups",
      ]);
    }
  }
  if (model.bnMomentum !== null) checkNumber(model.bnMomentum, 0, 1, ["model", "bnMomentum"]);
  if (!Array.isArray(model.frozenBatchNorm)) fail("bad_value", "model.frozenBatchNorm must list block numbers", ["model", "frozenBatchNorm"]);
  model.frozenBatchNorm.forEach((block, index) => checkInteger(block, 1, widths.length, ["model", "frozenBatchNorm", index]));
  if (!(typeof model.eps === "number" && Number.isFinite(model.eps) && model.eps > 0)) {
    fail("bad_value", `model.eps must be a number > 0, got ${String(model.eps)}`, ["model", "eps"]);
  }
  if (model.kind === "mlp" && model.dropout !== null) {
    checkNumber(model.dropout.rate, 0, 1, ["model", "dropout", "rate"], true);
    checkChoice(model.dropout.position, ["after-relu", "before-norm", "before-head"], ["model", "dropout", "position"]);
  }
  if (model.kind === "conv") checkChoice(model.head, ["avgpool", "flatten"], ["model", "head"]);

  checkInteger(config.batchSize, 1, MAX_SAMPLES, ["batchSize"]);
  if (config.batchSize > data.trainSize) {
    fail("batch_too_large", `batchSize ${config.batchSize} is larger than the training set (${data.trainSize})`, ["batchSize"]);
  }
  if (typeof config.dropLast !== "boolean") fail("bad_value", "dropLast must be true or false", ["dropLast"]);
  if (norm === "batch" && kind === "mlp") {
    const smallest = config.dropLast || data.trainSize % config.batchSize === 0 ? config.batchSize : data.trainSize % config.batchSize;
    if (smallest < 2) {
      fail("too_few_values", `BatchNorm in training needs at least 2 samples per batch, and a batch would have ${smallest}`, ["batchSize"]);
    }
  }

  if (!(typeof optimizer.lr === "number" && Number.isFinite(optimizer.lr) && optimizer.lr > 0)) {
    fail("bad_learning_rate", `optimizer.lr must be a number > 0, got ${String(optimizer.lr)}`, ["optimizer", "lr"]);
  }
  checkNumber(optimizer.momentum, 0, 1, ["optimizer", "momentum"], true);
  checkNumber(optimizer.weightDecay, 0, 1, ["optimizer", "weightDecay"]);

  if (config.probe !== null) {
    const block = checkInteger(config.probe.block, 1, widths.length, ["probe", "block"]);
    checkInteger(config.probe.unit, 0, widths[block - 1]! - 1, ["probe", "unit"]);
    checkChoice(config.probe.point, ["pre-norm", "pre-activation"], ["probe", "point"]);
  }
  return config;
}
