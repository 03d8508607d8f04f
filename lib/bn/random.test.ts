import { describe, expect, it } from "vitest";
import { mulberry32, normalValues } from "./random";

describe("mulberry32", () => {
  it("repeats for a seed and differs between seeds", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect(mulberry32(43)()).not.toBe(first[0]);
    // The reference implementation's first output for seed 1 (t = 1 + 0x6D2B79F5 …).
    expect(mulberry32(1)()).toBeCloseTo(0.6270739405881613, 15);
  });
});

describe("normalValues", () => {
  it("draws roughly standard normal values, the same ones for the same seed", () => {
    const values = normalValues(7, 100_001);
    expect(values).toHaveLength(100_001);
    expect(normalValues(7, 5)).toEqual(values.slice(0, 5));
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length;
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(variance).toBeGreaterThan(0.97);
    expect(variance).toBeLessThan(1.03);
  });
});
