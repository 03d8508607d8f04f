import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatNumber } from "@/lib/calculator/format";
import { parseAnswer, withinTolerance } from "./answer-parse";

describe("parseAnswer", () => {
  it.each([
    ["128", 128],
    ["-0.5", -0.5],
    [" .5 ", 0.5],
    ["5.", 5],
    ["+3", 3],
    ["1e-3", 0.001],
    ["-1.2e-3", -0.0012],
    ["1.2E+4", 12000],
    ["1.2×10^-3", 0.0012],
    ["1.2 * 10^(-3)", 0.0012],
    ["5/3", 5 / 3],
    ["-1/4", -0.25],
    ["1.5/2", 0.75],
    ["1,024", 1024],
    ["12,345.5", 12345.5],
    ["−2", -2],
    ["１２８", 128],
    ["－０．５", -0.5],
    ["５／３", 5 / 3],
  ])("reads %j as %d", (text, value) => {
    expect(parseAnswer(text)).toBe(value);
  });

  it.each(["", "  ", "abc", "1/0", "1/2/3", "1,5", "1,2345", "1 2", "0x10", "Infinity", "NaN", "1e", "1e400", "5%", "2C"])(
    "refuses %j as not a number",
    (text) => {
      expect(parseAnswer(text)).toBeNull();
    },
  );

  it("reads back every finite double exactly from its JavaScript spelling", () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => Object.is(parseAnswer(String(x)), x) || (x === 0 && parseAnswer(String(x)) === 0)));
  });

  it("reads back the 6-digit display of any number within 1e-5 relative", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 }), (x) => {
        const parsed = parseAnswer(formatNumber(x));
        return parsed !== null && Math.abs(parsed - x) <= 1e-5 * Math.abs(x);
      }),
    );
  });

  it("reads integer fractions as their quotient", () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000, max: 10_000 }), fc.integer({ min: 1, max: 10_000 }), (a, b) => parseAnswer(`${a}/${b}`) === a / b),
    );
  });
});

describe("withinTolerance", () => {
  it("includes the boundary of a relative tolerance and excludes just past it", () => {
    expect(withinTolerance(1001, 1000, { relative: 1e-3 })).toBe(true);
    expect(withinTolerance(999, 1000, { relative: 1e-3 })).toBe(true);
    expect(withinTolerance(1001.001, 1000, { relative: 1e-3 })).toBe(false);
    expect(withinTolerance(998.999, 1000, { relative: 1e-3 })).toBe(false);
  });

  it("keeps an absolute boundary where it was written despite float rounding (0.4 vs 0.3 ± 0.1)", () => {
    expect(withinTolerance(0.4, 0.3, { absolute: 0.1 })).toBe(true);
    expect(withinTolerance(0.2, 0.3, { absolute: 0.1 })).toBe(true);
    expect(withinTolerance(0.401, 0.3, { absolute: 0.1 })).toBe(false);
  });

  it("accepts only the exact value for an expected 0 under a purely relative tolerance", () => {
    expect(withinTolerance(0, 0, { relative: 1e-3 })).toBe(true);
    expect(withinTolerance(1e-9, 0, { relative: 1e-3 })).toBe(false);
  });

  it("takes the looser of relative and absolute when both are given", () => {
    expect(withinTolerance(0.0015, 0.001, { relative: 1e-3, absolute: 1e-3 })).toBe(true);
    expect(withinTolerance(1000.9, 1000, { relative: 1e-3, absolute: 1e-3 })).toBe(true);
    expect(withinTolerance(0.0021, 0.001, { relative: 1e-3, absolute: 1e-3 })).toBe(false);
  });
});
