export type LabErrorCode =
  | "bad_value"
  | "unknown_preset"
  | "batch_too_large"
  | "too_few_values"
  | "bad_learning_rate"
  | "groups_not_dividing"
  | "model_data_mismatch";

export type LabErrorPath = (string | number)[];

/** A setting the lab cannot run with; `path` names it inside the settings object, as zod would. */
export class LabError extends Error {
  readonly code: LabErrorCode;
  readonly path: LabErrorPath;

  constructor(code: LabErrorCode, message: string, path: LabErrorPath = []) {
    super(message);
    this.name = "LabError";
    this.code = code;
    this.path = path;
  }

  toJSON(): { code: LabErrorCode; message: string; path: LabErrorPath } {
    return { code: this.code, message: this.message, path: this.path };
  }
}
