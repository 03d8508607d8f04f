export { FORMAT, FORMAT_VERSION, MAX_IMPORT_BYTES, MAX_REVIEW_LOGS, readProgressFile, TransferError, type ProgressFile, type ProgressPayload } from "./format";
export { exportProgress, getAnkiDeck, importProgressFile, progressPayload, type ImportReport } from "./progress";
export { mergeInto } from "./import";
export { ankiDeck, toAnkiHtml } from "./anki";
