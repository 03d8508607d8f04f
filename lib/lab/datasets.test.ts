import { describe, expect, it } from "vitest";
import { barImages, gaussianBlobs, twoSpirals } from "./datasets";
import { streamRandom, streamSeed } from "./random";
import { expectBitIdentical } from "./test-utils";

const random = (seed: number) => streamRandom(seed, "trainData");

describe("data sets from a seed", () => {
  it("are the same numbers for the same seed and differ for another", () => {
    for (const make of [twoSpirals, gaussianBlobs, barImages]) {
      const first = make({ size: 40, noise: 0.1 }, random(5));
      expectBitIdentical(make({ size: 40, noise: 0.1 }, random(5)).inputs, first.inputs, first.name);
      expect(make({ size: 40, noise: 0.1 }, random(6)).inputs).not.toEqual(first.inputs);
    }
    expect(streamSeed(5, "trainData")).not.toBe(streamSeed(5, "testData"));
  });

  it("two spirals without noise: point i of class k lies at radius t and angle 2π·1.25·t + π·k", () => {
    const data = twoSpirals({ size: 200, noise: 0 }, random(1));
    expect(data.classes).toBe(2);
    for (let i = 0; i < data.size; i++) {
      const [x, y] = [data.inputs[2 * i]!, data.inputs[2 * i + 1]!];
      const radius = Math.hypot(x, y);
      expect(data.labels[i]).toBe(i % 2);
      expect(radius).toBeLessThan(1);
      const expected = 2 * Math.PI * 1.25 * radius + Math.PI * (i % 2);
      const turn = (Math.atan2(y, x) - expected) / (2 * Math.PI);
      expect(Math.abs(turn - Math.round(turn))).toBeLessThan(1e-9);
    }
  });

  it("blobs without noise sit on their class centres, 2 from the origin at angle 2πk/K", () => {
    const data = gaussianBlobs({ size: 12, noise: 0, classes: 4 }, random(2));
    for (let i = 0; i < data.size; i++) {
      const angle = (2 * Math.PI * (i % 4)) / 4;
      expect(data.inputs[2 * i]).toBeCloseTo(2 * Math.cos(angle), 12);
      expect(data.inputs[2 * i + 1]).toBeCloseTo(2 * Math.sin(angle), 12);
    }
  });

  it("bar images without noise hold one bar of their class's orientation", () => {
    const data = barImages({ size: 80, noise: 0 }, random(3));
    expect(data.sampleShape).toEqual([1, 8, 8]);
    for (let i = 0; i < data.size; i++) {
      const lit: [number, number][] = [];
      for (let p = 0; p < 64; p++) if (data.inputs[i * 64 + p]! !== 0) lit.push([Math.floor(p / 8), p % 8]);
      const label = data.labels[i]!;
      expect(label).toBe(i % 4);
      const rows = new Set(lit.map(([row]) => row));
      const columns = new Set(lit.map(([, column]) => column));
      if (label === 0) expect([lit.length, rows.size]).toEqual([6, 1]);
      if (label === 1) expect([lit.length, columns.size]).toEqual([6, 1]);
      if (label === 2) expect(new Set(lit.map(([row, column]) => column - row)).size).toBe(1);
      if (label === 3) expect(new Set(lit.map(([row, column]) => column + row)).size).toBe(1);
      expect(lit.length).toBeGreaterThanOrEqual(6);
    }
  });
});
