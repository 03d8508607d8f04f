export { fillTemplate, formatNumber, texNumber } from "./format";
export { computeFold, MAX_FOLD_WEIGHTS, type FoldOutcome, type FoldView } from "./fold";
export { computeParams, type ParamsOutcome } from "./params";
export { applyPreset, matchingPreset, TENSOR_PRESETS, type TensorPresetId } from "./presets";
export { mulberry32, normalValues, parseSeed } from "./random";
export { formatTensor, histogram, summarize, type Histogram, type TensorSummary } from "./summary";
export {
  computeTensor,
  MAX_ELEMENTS,
  PRINT_LIMIT,
  TABLE_CHANNELS,
  transferables,
  WORKING_VALUES,
  type FieldError,
  type TensorDisplay,
  type TensorOutcome,
  type TensorView,
} from "./tensor";
export * from "./url-state";
export { parseShape, parseValues } from "./values";
export { foldWorking, tensorWorking, type WorkingLine, type WorkingStep } from "./working";
