import type { Tolerance } from "@/lib/content/schema";

/*
 * What a learner may type as a numeric answer:
 *   integers and decimals      128, -0.5, .5, 5., +3
 *   scientific notation        1e-3, 1.2E+4, 1.2×10^-3, 1.2*10^(-3) (not superscript digits: 10⁻³)
 *   simple fractions           5/3, -1/4, 1.5/2 (a number over a number, no nesting)
 *   thousands separators       1,024 and 12,345.5: commas only between groups of exactly three digits, so a
 *                              decimal comma ("1,5") is refused as "not a number" rather than guessed
 * Full-width characters from a Chinese input method (１２８, －０．５, ５／３) are read as their ASCII forms
 * (Unicode NFKC), and the typographic minus "−" as "-". Surrounding spaces are ignored; anything else is
 * not a number.
 */
const DECIMAL = String.raw`[+-]?(?:\d+(?:\.\d*)?|\.\d+)`;
const GROUPED = String.raw`[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?`;
const EXPONENT = String.raw`(?:e[+-]?\d+|\s*[×x*]\s*10\s*\^\s*(?:\(\s*[+-]?\d+\s*\)|[+-]?\d+))`;
const SCALAR = new RegExp(String.raw`^(${GROUPED}|${DECIMAL})(${EXPONENT})?$`, "i");

function parseScalar(text: string): number | null {
  const match = SCALAR.exec(text.trim());
  if (!match) return null;
  const mantissa = match[1]!.replaceAll(",", "");
  const exponent = match[2] ? /[+-]?\d+(?=\s*\)?\s*$)/.exec(match[2])![0] : "0";
  // Through the decimal string, so 1.2×10^-3 is the same double as 1.2e-3 (1.2 * 10 ** -3 is not).
  return Number(`${mantissa}e${exponent}`);
}

/** The number a learner typed, or null when it is not one (then it is not graded). */
export function parseAnswer(text: string): number | null {
  const normalized = text.normalize("NFKC").replace(/[\u2212\u2012\u2013]/g, "-").trim();
  if (normalized === "") return null;
  const parts = normalized.split("/");
  let value: number | null;
  if (parts.length === 1) value = parseScalar(parts[0]!);
  else if (parts.length === 2) {
    const numerator = parseScalar(parts[0]!);
    const denominator = parseScalar(parts[1]!);
    value = numerator === null || denominator === null || denominator === 0 ? null : numerator / denominator;
  } else value = null;
  return value !== null && Number.isFinite(value) ? value : null;
}

/**
 * Right when |given − expected| ≤ max(absolute, relative·|expected|), boundary included. A few ulps of slack
 * keep the boundary where the author meant it: 0.4 against 0.3 ± 0.1 differs by 0.10000000000000003.
 */
export function withinTolerance(given: number, expected: number, tolerance: Tolerance): boolean {
  const bound = Math.max(tolerance.absolute ?? 0, (tolerance.relative ?? 0) * Math.abs(expected));
  const slack = 4 * Number.EPSILON * Math.max(Math.abs(given), Math.abs(expected), bound);
  return Math.abs(given - expected) <= bound + slack;
}
