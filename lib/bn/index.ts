export { forward } from "./forward";
export {
  batchMomentsInto,
  batchNormBackwardInto,
  batchNormTrainInto,
  normalizeInto,
  updateRunningStatsInto,
} from "./kernels";
export type { BackwardIntoArgs, ChannelLayout, NormalizeArgs, TrainNormalizeArgs } from "./kernels";
export { backward } from "./backward";
export { countParams, KERAS_LAYERS, PYTORCH_LAYERS } from "./count-params";
export { foldIntoPreceding } from "./fold";
export { rmsNorm, rmsNormDefaultEps } from "./rms-norm";
export { frameworkDefaults, layerFlagDefaults } from "./defaults";
export { mulberry32, normalValues } from "./random";
export { BnError } from "./errors";
export type { BnErrorCode, BnErrorPath } from "./errors";
export type { KerasDefaults, PytorchDefaults } from "./defaults";
export type {
  NormLayerName,
  NormLayerSpec,
  ParamCount,
  ParamTensor,
  PytorchBatchNormLayer,
  PytorchInstanceNormLayer,
} from "./count-params";
export type { FoldArgs, FoldResult } from "./fold";
export type { RmsNormArgs, RmsNormResult } from "./rms-norm";
export type {
  BackwardArgs,
  BackwardResult,
  BnArgs,
  Dtype,
  Float32ForwardArgs,
  FloatArray,
  ForwardArgs,
  ForwardResult,
  Framework,
  KerasBnArgs,
  Mode,
  PytorchBnArgs,
  RunningStats,
} from "./types";
