import { describe, expect, it } from "vitest";
import { formatNumber, texNumber } from "./format";
import { formatTensor, histogram, summarize } from "./summary";

describe("histogram", () => {
  it("spreads values over equal bins with the maximum in the last bin", () => {
    expect(histogram([0, 1, 2, 3, 4], 4)).toEqual({ min: 0, max: 4, counts: [1, 1, 1, 2] });
  });

  it("uses one bin when all values are equal", () => {
    expect(histogram([2, 2, 2], 10)).toEqual({ min: 2, max: 2, counts: [3] });
  });
});

describe("summarize", () => {
  it("gives count, range, mean, population std and the first values", () => {
    const summary = summarize(Float64Array.from([1, 2, 3, 4]), 2, 2);
    expect(summary).toMatchObject({ count: 4, min: 1, max: 4, mean: 2.5, head: [1, 2] });
    expect(summary.std).toBeCloseTo(Math.sqrt(1.25), 12);
    expect(summary.histogram.counts).toEqual([2, 2]);
  });
});

describe("formatTensor", () => {
  it("prints nested brackets with aligned cells", () => {
    expect(formatTensor([1, -2, 3, 4], [2, 2], String)).toBe("[[ 1, -2],\n [ 3,  4]]");
    expect(formatTensor([1, 2, 3, 4], [4, 1], String)).toBe("[[1],\n [2],\n [3],\n [4]]");
  });
});

describe("formatNumber and texNumber", () => {
  it("rounds to six significant digits and writes tiny numbers in e-notation", () => {
    expect(formatNumber(-1.3416407864998738)).toBe("-1.34164");
    expect(formatNumber(2.5)).toBe("2.5");
    expect(formatNumber(1e-5)).toBe("1e-5");
    expect(texNumber(1e-5)).toBe("10^{-5}");
    expect(texNumber(1.5e-8)).toBe("1.5\\times 10^{-8}");
  });
});
