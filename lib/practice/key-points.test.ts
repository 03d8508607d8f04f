import { describe, expect, it } from "vitest";
import { normalizeTicks, outcomeFromKeyPoints } from "./key-points";

describe("outcomeFromKeyPoints", () => {
  it("suggests right for all key points, partly for some, wrong for none", () => {
    expect(outcomeFromKeyPoints(3, 3)).toBe("right");
    expect(outcomeFromKeyPoints(2, 3)).toBe("partly");
    expect(outcomeFromKeyPoints(1, 3)).toBe("partly");
    expect(outcomeFromKeyPoints(0, 3)).toBe("wrong");
    expect(outcomeFromKeyPoints(1, 1)).toBe("right");
  });

  it("suggests nothing for a card without key points", () => {
    expect(outcomeFromKeyPoints(0, 0)).toBeNull();
  });
});

describe("normalizeTicks", () => {
  it("keeps each ticked key point once, in order", () => {
    expect(normalizeTicks([2, 0, 2], 3)).toEqual([0, 2]);
    expect(normalizeTicks([], 3)).toEqual([]);
  });

  it("refuses a tick that is not one of the card's key points, naming it", () => {
    expect(() => normalizeTicks([0, 3], 3)).toThrow(new RangeError("1"));
    expect(() => normalizeTicks([-1], 3)).toThrow(RangeError);
    expect(() => normalizeTicks([0.5], 3)).toThrow(RangeError);
  });
});
