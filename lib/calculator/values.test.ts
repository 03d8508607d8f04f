import { describe, expect, it } from "vitest";
import { parseSeed, parseShape, parseValues } from "./values";

describe("parseValues", () => {
  it.each([
    ["[1,2,3,4]", [1, 2, 3, 4]],
    ["1 2 3 4", [1, 2, 3, 4]],
    ["1,2;3,4", [1, 2, 3, 4]],
    ["[[1., 2.],\n [3., -4e-1]]", [1, 2, 3, -0.4]],
    ["tensor([[0.5000, -1.2500]])", [0.5, -1.25]],
    ["−3 .5", [-3, 0.5]],
  ])("reads %j", (text, expected) => {
    const parsed = parseValues(text);
    expect(parsed.ok && Array.from(parsed.values)).toEqual(expected);
  });

  it("names the first token that is not a number", () => {
    expect(parseValues("1, 2, abc, 4")).toEqual({ ok: false, error: { code: "not_a_number", token: "abc", index: 2 } });
    expect(parseValues("1, NaN")).toMatchObject({ ok: false, error: { token: "NaN" } });
    expect(parseValues("1e999")).toMatchObject({ ok: false, error: { code: "not_a_number" } });
  });

  it("calls blank text empty", () => {
    expect(parseValues("  [ ] ")).toEqual({ ok: false, error: { code: "empty" } });
  });
});

describe("parseShape", () => {
  it("reads commas, brackets and ×", () => {
    expect(parseShape("(32, 64, 56, 56)")).toEqual({ ok: true, shape: [32, 64, 56, 56], size: 6_422_528 });
    expect(parseShape("4×1")).toEqual({ ok: true, shape: [4, 1], size: 4 });
  });

  it("rejects zero, fractions and words", () => {
    expect(parseShape("4,0")).toMatchObject({ ok: false, error: { code: "bad_dim", token: "0" } });
    expect(parseShape("4,1.5")).toMatchObject({ ok: false, error: { code: "bad_dim", token: "1.5" } });
    expect(parseShape("")).toMatchObject({ ok: false, error: { code: "empty" } });
  });
});

describe("parseSeed", () => {
  it("accepts 32-bit unsigned integers only", () => {
    expect(parseSeed(" 12 ")).toBe(12);
    expect(parseSeed("4294967295")).toBe(4294967295);
    expect(parseSeed("4294967296")).toBeNull();
    expect(parseSeed("-1")).toBeNull();
    expect(parseSeed("1.5")).toBeNull();
  });
});
