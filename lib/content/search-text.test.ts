import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseMarkdown } from "./render";
import { fieldUnits, indexTokens, phraseMatches, phraseTokens, runsOf, texWords, unitIndex, unitsOf } from "./search-text";

const texts = (text: string) => unitsOf(text).map((unit) => unit.text);

describe("the search tokenizer", () => {
  it("reads words as letters and digits, lower-cased, so running_var, Running-Var and ｒｕｎｎｉｎｇ var are the same words", () => {
    expect(texts("running_var")).toEqual(["running", "var"]);
    expect(texts("Running-Var")).toEqual(["running", "var"]);
    expect(texts("ｒｕｎｎｉｎｇ var")).toEqual(["running", "var"]);
    expect(texts("nn.BatchNorm2d(64, eps=1e-5)")).toEqual(["nn", "batchnorm2d", "64", "eps", "1e", "5"]);
  });

  it("keeps offsets into the text as written, and each Chinese character a unit joined to the one before it", () => {
    const units = unitsOf("用 滑动平均估计");
    expect(units.map((unit) => [unit.text, unit.start, unit.joined])).toEqual([
      ["用", 0, false],
      ["滑", 2, false],
      ["动", 3, true],
      ["平", 4, true],
      ["均", 5, true],
      ["估", 6, true],
      ["计", 7, true],
    ]);
    const [word] = unitsOf("  Ｂatch");
    expect("  Ｂatch".slice(word!.start, word!.end)).toBe("Ｂatch");
  });

  it("indexes Chinese as overlapping pairs with the last character of a run alone, one token per unit", () => {
    expect(indexTokens(unitsOf("滑动平均 running_var 层"))).toEqual(["滑动", "动平", "平均", "均", "running", "var", "层"]);
  });

  it("asks for Chinese as pairs, a lone character and a long last word as prefixes", () => {
    const tokens = (text: string) => phraseTokens(unitsOf(text)).map(({ token, prefix }) => token + (prefix ? "*" : ""));
    expect(tokens("滑动平均")).toEqual(["滑动", "动平", "平均"]);
    expect(tokens("层")).toEqual(["层*"]);
    expect(tokens("平均 bn")).toEqual(["平均", "均", "bn"]);
    expect(tokens("running var")).toEqual(["running", "var*"]);
    expect(tokens("batch 大小")).toEqual(["batch", "大小"]);
  });

  it("matches a phrase exactly where its index tokens would", () => {
    const field = unitsOf("BN 用滑动平均估计 running variance；平均 bn");
    const at = (query: string) => phraseMatches(unitsOf(query), field).map(([first, last]) => field.slice(first, last + 1).map((u) => u.text).join(""));
    expect(at("滑动平均")).toEqual(["滑动平均"]);
    expect(at("动平")).toEqual(["动平"]);
    expect(at("running var")).toEqual(["runningvariance"]);
    expect(at("平均 bn")).toEqual(["平均bn"]);
    expect(at("估")).toEqual(["估"]);
    expect(at("滑动 平均")).toEqual([]);
  });

  it("finds the same places with and without the field's index", () => {
    const word = fc.constantFrom("bn", "batch", "batchnorm", "run", "running", "var", "variance", "滑", "动", "平", "均", "层", " ", "_", "。");
    fc.assert(
      fc.property(fc.array(word, { maxLength: 40 }), fc.array(word, { minLength: 1, maxLength: 4 }), (text, query) => {
        const units = unitsOf(text.join(""));
        const phrase = unitsOf(query.join(""));
        expect(phraseMatches(phrase, units, unitIndex(units))).toEqual(phraseMatches(phrase, units));
      }),
    );
  });

  it("takes a formula's Greek letters by name and its letters and numbers, not its layout commands", () => {
    expect(texts(texWords("\\frac{n}{n-1}\\sigma^2_B + \\mathrm{Var}[x]"))).toEqual(["n", "n", "1", "sigma", "2", "b", "var", "x"]);
  });

  it("reads a section's Markdown as text runs and formulas, with no markup and no raw HTML", () => {
    const runs = runsOf(parseMarkdown("**Normalizing** the batch: divide by $n$.\n\n- PyTorch feeds `running_var`.\n\n<b>raw</b>").children);
    expect(runs).toEqual([{ text: "Normalizing the batch: divide by " }, { tex: "n" }, { text: ". PyTorch feeds running_var. raw" }]);
    const units = fieldUnits(runs);
    expect(units.filter((unit) => unit.math).map((unit) => [unit.text, unit.run])).toEqual([["n", 1]]);
  });
});
