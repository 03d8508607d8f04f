export type ValuesError =
  | { code: "empty" }
  | { code: "not_a_number"; token: string; index: number };

export type ParsedValues = { ok: true; values: Float64Array } | { ok: false; error: ValuesError };

export type ParsedShape =
  | { ok: true; shape: number[]; size: number }
  | { ok: false; error: { code: "empty" } | { code: "bad_dim"; token: string; index: number } };

// Brackets, commas, semicolons and whitespace all separate numbers, so "[1,2,3,4]", "1 2 3 4",
// "1,2;3,4" and a pasted NumPy/PyTorch print-out ("tensor([[1., 2.], …])") parse alike.
const SEPARATORS = /[\s,;[\]()]+/;
const WRAPPERS = /^\s*(?:tensor|array|np\.array|torch\.tensor)\s*\(/i;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?\.?$/i;

/** Parses a list of numbers as typed or pasted; returns the first token that is not a number. */
export function parseValues(text: string): ParsedValues {
  const tokens = text.replace(WRAPPERS, "").replace(/\)\s*$/, "").split(SEPARATORS).filter(Boolean);
  if (tokens.length === 0) return { ok: false, error: { code: "empty" } };
  const values = new Float64Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!.replace(/^−/, "-");
    const value = NUMBER.test(token) ? Number(token.endsWith(".") && !/e/i.test(token) ? token.slice(0, -1) : token) : NaN;
    if (!Number.isFinite(value)) return { ok: false, error: { code: "not_a_number", token: tokens[i]!, index: i } };
    values[i] = value;
  }
  return { ok: true, values };
}

/** Parses a shape such as "32,64,56,56", "(4, 1)" or "32×64×56×56". */
export function parseShape(text: string): ParsedShape {
  const tokens = text.split(/[\s,x×*[\]()]+/i).filter(Boolean);
  if (tokens.length === 0) return { ok: false, error: { code: "empty" } };
  const shape: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const dim = /^\d+$/.test(tokens[i]!) ? Number(tokens[i]) : NaN;
    if (!Number.isSafeInteger(dim) || dim <= 0) return { ok: false, error: { code: "bad_dim", token: tokens[i]!, index: i } };
    shape.push(dim);
  }
  return { ok: true, shape, size: shape.reduce((product, dim) => product * dim, 1) };
}

/** Parses an optional per-channel vector: empty text means "use the default". */
export function parseOptionalValues(text: string): ParsedValues | null {
  return text.trim() === "" ? null : parseValues(text);
}

/** A seed as typed in a field: a 32-bit unsigned integer, or null. */
export function parseSeed(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,10}$/.test(trimmed)) return null;
  const seed = Number(trimmed);
  return seed <= 0xffffffff ? seed : null;
}
