/** A number as people write it: up to `digits` significant digits, no trailing zeros, e-notation when tiny or huge. */
export function formatNumber(value: number, digits = 6): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "∞" : "−∞";
  if (value === 0) return "0";
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-4 && magnitude < 1e7) {
    const fixed = Number(value.toPrecision(digits));
    return String(fixed);
  }
  const [mantissa, exponent] = value.toExponential(digits - 1).split("e");
  return `${mantissa!.replace(/\.?0+$/, "")}e${exponent!.replace("+", "")}`;
}

/** The same number as TeX: 1e-5 becomes 1\times10^{-5}, negatives get a proper minus. */
export function texNumber(value: number, digits = 6): string {
  const plain = formatNumber(value, digits);
  const match = /^(-?[\d.]+)e(-?\d+)$/.exec(plain);
  if (match) {
    const mantissa = match[1] === "1" ? "" : match[1] === "-1" ? "-" : `${match[1]}\\times `;
    return `${mantissa}10^{${match[2]}}`;
  }
  return plain.replace("∞", "\\infty");
}

/** Wraps negative numbers in parentheses where they follow an operator: 2 − (−1). */
export function texOperand(value: number, digits = 6): string {
  const tex = texNumber(value, digits);
  return value < 0 ? `(${tex})` : tex;
}
