import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { McqOption } from "@/lib/content/schema";
import { correctIds, gradeMcq, shuffleOptions } from "./mcq";

const option = (id: string, correct: boolean): McqOption => ({ id, correct, html: { en: id, zh: id }, why: correct ? null : { en: "no", zh: "不" } });

describe("shuffleOptions", () => {
  it("gives the same order for the same seed and different orders across seeds", () => {
    const options = ["a", "b", "c", "d", "e"];
    expect(shuffleOptions(options, 7)).toEqual(shuffleOptions(options, 7));
    const orders = new Set(Array.from({ length: 50 }, (_, seed) => shuffleOptions(options, seed).join("")));
    expect(orders.size).toBeGreaterThan(20);
    expect(options).toEqual(["a", "b", "c", "d", "e"]);
  });

  it("puts the correct option in every position over many seeds", () => {
    const options = [option("a", true), option("b", false), option("c", false), option("d", false)];
    const positions = new Set(Array.from({ length: 200 }, (_, seed) => shuffleOptions(options, seed).findIndex((o) => o.correct)));
    expect([...positions].sort()).toEqual([0, 1, 2, 3]);
  });

  it("keeps the correct set tracked: a permutation whose correct options still grade right", () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: 3, maxLength: 8 }).filter((flags) => flags.some(Boolean)),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        (flags, seed) => {
          const options = flags.map((correct, index) => option(String.fromCharCode(97 + index), correct));
          const shown = shuffleOptions(options, seed);
          expect(shown.map((o) => o.id).sort()).toEqual(options.map((o) => o.id));
          const picked = shown.filter((o) => o.correct).map((o) => o.id);
          expect(new Set(picked)).toEqual(new Set(correctIds(options)));
          expect(gradeMcq(options, picked)).toBe("right");
        },
      ),
    );
  });
});

describe("gradeMcq", () => {
  const options = [option("a", true), option("b", false), option("c", true)];

  it("is right only for exactly the correct set, in any order, repeats ignored", () => {
    expect(gradeMcq(options, ["c", "a"])).toBe("right");
    expect(gradeMcq(options, ["a", "c", "a"])).toBe("right");
    expect(gradeMcq(options, ["a"])).toBe("wrong");
    expect(gradeMcq(options, ["a", "b", "c"])).toBe("wrong");
    expect(gradeMcq(options, ["a", "z"])).toBe("wrong");
    expect(gradeMcq(options, [])).toBe("wrong");
  });
});
