export { forward } from "./forward";
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
  ForwardArgs,
  ForwardResult,
  Framework,
  KerasBnArgs,
  Mode,
  PytorchBnArgs,
  RunningStats,
} from "./types";
