import { describe, expect, it } from "vitest";
import { countParams, frameworkDefaults } from "@/lib/bn";
import { formatNumber } from "@/lib/calculator";
import { getCheatSheet } from "./cheatsheets";

describe("getCheatSheet", () => {
  it("serves a topic's sheet in the asked language with lib/bn's numbers filled in", async () => {
    const en = await getCheatSheet("running-stats", "en");
    const zh = await getCheatSheet("running-stats", "zh");
    const pytorch = frameworkDefaults("pytorch");
    const keras = frameworkDefaults("keras");
    for (const { html } of [en, zh]) {
      expect(html).toContain(`eps=${formatNumber(pytorch.eps)}`);
      expect(html).toContain(`epsilon=${formatNumber(keras.eps)}`);
      expect(html).toContain(`momentum=${formatNumber(keras.momentum)}`);
      expect(html).toContain(`${countParams({ layer: "BatchNorm2d", numFeatures: 64 }).buffers}`);
    }
    expect(en.html).toContain("Numbers to remember");
    expect(zh.html).toContain("要记住的数字");
    expect(zh.html).not.toContain("Numbers to remember");
  });
});
