export { FORMAT, FORMAT_VERSION, MAX_IMPORT_BYTES, readProgressFile, TransferError, type ProgressFile, type ProgressPayload } from "./format";
export { exportProgress, importProgress, importProgressFile, listDeckForAnki, type ImportReport } from "./progress";
export { ankiDeck, toAnkiHtml } from "./anki";
