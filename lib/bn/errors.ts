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

export type BnErrorPath = (string | number)[];

export class BnError extends Error {
  readonly code: BnErrorCode;
  readonly path: BnErrorPath;

  constructor(code: BnErrorCode, message: string, path: BnErrorPath = []) {
    super(message);
    this.name = "BnError";
    this.code = code;
    this.path = path;
  }

  toJSON(): { code: BnErrorCode; message: string; path: BnErrorPath } {
    return { code: this.code, message: this.message, path: this.path };
  }
}
