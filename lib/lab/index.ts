export { createTrainer, createLabModel, dataShape } from "./trainer";
export { DEFAULT_CONFIG, DEFAULT_CONV_NET, DEFAULT_MLP, PRESETS, PRESET_NAMES, resolveConfig } from "./config";
export { barImages, gaussianBlobs, makeDataset, twoSpirals, BAR_CLASSES } from "./datasets";
export { LabError } from "./errors";
export { streamRandom, streamSeed } from "./random";
export type {
  ConvNetConfig,
  DataConfig,
  DropoutPosition,
  LabConfig,
  LabSettings,
  MlpConfig,
  ModelConfig,
  Norm,
  NormPlacement,
  PresetName,
  ProbeConfig,
  ProbePoint,
} from "./config";
export type { Dataset, DatasetName, DatasetOptions } from "./datasets";
export type { LabErrorCode, LabErrorPath } from "./errors";
export type { Dtype, FloatArray, Layer, LayerKind, Param } from "./layers/types";
export { networkState } from "./network";
export type { Block, Network, NetworkState } from "./network";
export type {
  BatchOutcome,
  Divergence,
  EvalReport,
  EvaluateOptions,
  LabModel,
  ProbeMetrics,
  Snapshot,
  StepMetrics,
  StepReport,
  Trainer,
  TrainerStatus,
  VarianceShift,
} from "./trainer";
