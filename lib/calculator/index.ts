export { formatNumber, texNumber } from "./format";
export { computeFold, MAX_FOLD_WEIGHTS, type FoldOutcome, type FoldView } from "./fold";
export { computeParams, type ParamsOutcome } from "./params";
export { computeRms, MAX_RMS_VALUES, RMS_TABLE_ROWS, type RmsOutcome, type RmsView } from "./rms";
export { applyPreset, matchingPreset, TENSOR_PRESETS, type TensorPresetId } from "./presets";
export { formatTensor, histogram, summarize, type Histogram, type TensorSummary } from "./summary";
export {
  computeTensor,
  MAX_ELEMENTS,
  PRINT_LIMIT,
  TABLE_CHANNELS,
  tensorDisplay,
  transferables,
  WORKING_VALUES,
  type FieldError,
  type TensorDisplay,
  type TensorOutcome,
  type TensorView,
} from "./tensor";
export * from "./url-state";
export { parseCalculatorState, queryRecord } from "./url-parse";
export { parseSeed, parseShape, parseValues } from "./values";
export { foldWorking, rmsWorking, tensorWorking, type WorkingLine, type WorkingStep } from "./working";
export { engineCall, EngineCallError, runEngine, type BnCallArgs, type EngineCall, type EngineCallName, type FoldCallArgs } from "./engine-call";
export { calculatorHref, calculatorState } from "./link";
