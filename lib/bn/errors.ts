import { AppError, type ErrorPath } from "@/lib/errors";

export type BnErrorCode =
  | "bad_shape"
  | "shape_mismatch"
  | "bad_length"
  | "bad_eps"
  | "bad_momentum"
  | "bad_value"
  | "unexpected_param"
  | "too_few_values"
  | "groups_not_dividing"
  | "bad_size";

export type BnErrorPath = ErrorPath;

/** Inputs the engine cannot compute; always the caller's to fix (400). */
export class BnError extends AppError<BnErrorCode> {
  constructor(code: BnErrorCode, message: string, path: BnErrorPath = []) {
    super(code, message, 400, path);
  }

  toJSON(): { code: BnErrorCode; message: string; path: BnErrorPath } {
    return { code: this.code, message: this.message, path: this.path };
  }
}
