export { parseAnswer, withinTolerance } from "./answer-parse";
export { normalizeTicks, outcomeFromKeyPoints, RATING_FOR_OUTCOME, type SelfOutcome } from "./key-points";
export { correctIds, gradeMcq, shuffleOptions } from "./mcq";
export {
  describeParams,
  drawParams,
  fillPlaceholders,
  instantiate,
  MAX_TENSOR_VALUES,
  NumericTemplateError,
  placeholders,
  PREVIEW_SEED,
  readPath,
  type NumericInstance,
  type ParamValues,
  type TensorValue,
} from "./numeric";
export {
  buildQuestion,
  explainQuestion,
  gradeResponse,
  presentQuestion,
  type FeedbackView,
  type GradedResponse,
  type McqFeedback,
  type NumericFeedback,
  type PracticeCard,
  type Question,
  type QuestionResponse,
  type QuestionView,
} from "./question";
export { CHECK_SEEDS, checkNumericTemplate } from "./template-check";
export { CheatSheetValueError, cheatSheetValue } from "./cheatsheet-values";
