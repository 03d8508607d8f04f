import { describe, expect, it } from "vitest";
import { stacked } from "./working";

describe("stacked", () => {
  it("puts each relation of a chain on its own line, aligned, so the result has a line of its own", () => {
    expect(stacked("\\mu_{0} = \\frac{1 + 2 + 3 + 4}{4} = 2.5")).toBe("\\begin{aligned}\\mu_{0} &= \\frac{1 + 2 + 3 + 4}{4} \\\\ &= 2.5\\end{aligned}");
    expect(stacked("a = b = c = d")).toBe("\\begin{aligned}a &= b \\\\ &= c \\\\ &= d\\end{aligned}");
    expect(stacked("r \\leftarrow (1 - m)\\cdot r + m\\cdot\\mu = 0.9 \\cdot 0 + 0.1 \\cdot 2.5 = 0.25")).toBe(
      "\\begin{aligned}r &\\leftarrow (1 - m)\\cdot r + m\\cdot\\mu \\\\ &= 0.9 \\cdot 0 + 0.1 \\cdot 2.5 \\\\ &= 0.25\\end{aligned}",
    );
  });

  it("leaves a single equation alone and never splits inside braces", () => {
    expect(stacked("x = 1")).toBe("x = 1");
    expect(stacked("\\frac{a = b}{2} = c")).toBe("\\frac{a = b}{2} = c");
  });
});
