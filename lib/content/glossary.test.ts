import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { bilingualBody, cardSource, loadTestDeck } from "@/lib/testing/deck";
import { DeckError } from "./index";
import { glossaryProblem, loadGlossary, searchTerms } from "./glossary";
import { ContentError } from "./errors";

describe("the glossary", () => {
  it("loads, with one canonical Chinese term per idea", async () => {
    const terms = await loadGlossary();
    expect(terms.find((term) => term.en.startsWith("batch normalization"))).toMatchObject({ zh: "批归一化" });
    expect(new Set(terms.map((term) => term.zh)).size).toBe(terms.length);
  });

  it("flags a variant the deck does not use, and says which term to write", async () => {
    const terms = await loadGlossary();
    expect(glossaryProblem("批量归一化在推理时使用移动平均", terms)).toBe(
      'uses "批量归一化", which is not the glossary\'s term: write "批归一化" (batch normalization (BN))',
    );
    expect(glossaryProblem("批归一化在推理时使用滑动平均", terms)).toBeNull();
  });

  it("fails the content check for a card that uses a term outside it, naming the file", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "deck-"));
    const body = bilingualBody().replace("每个通道两个", "每个通道两个（见批量归一化论文）");
    writeFileSync(path.join(dir, "off-glossary.md"), cardSource({ id: "off-glossary", body }));
    const error = await loadTestDeck({ dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeckError);
    expect((error as DeckError).message).toMatch(/off-glossary\.md: uses "批量归一化".*write "批归一化"/);
  });

  it("knows each term by every name, in both languages, for search", async () => {
    const terms = searchTerms(await loadGlossary());
    const find = (zh: string) => terms.find((term) => term.zh === zh)!;
    expect(find("滑动平均")).toMatchObject({ en: "running average", names: expect.arrayContaining(["running average", "滑动平均", "移动平均", "moving average", "EMA"]) });
    expect(find("mini-batch").names).toEqual(expect.arrayContaining(["mini-batch", "小批量", "minibatch"]));
    expect(find("滑动方差").names).toEqual(expect.arrayContaining(["running variance", "running var", "running_var", "moving_variance", "移动方差"]));
    expect(find("组归一化")).toMatchObject({ en: "group normalization", names: expect.arrayContaining(["GroupNorm", "group normalization", "组归一化"]) });
    // "a / b" pairs two ideas: neither side is a name of the pair.
    expect(find("训练模式 / 推理模式").names).toEqual([]);
  });

  it("refuses a name that two terms share: search could not tell which is meant", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "glossary-"));
    const file = path.join(dir, "glossary.md");
    writeFileSync(file, "---\nterms:\n  - en: running variance\n    zh: 滑动方差\n    synonyms: [running_var]\n  - en: variance\n    zh: 方差\n    synonyms: [Running Var]\n---\n");
    const error = await loadGlossary(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentError);
    expect((error as Error).message).toMatch(/"running var" names two terms \(滑动方差, 方差\)/);
  });
});
