import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { bilingualBody, cardSource, loadTestDeck } from "@/lib/testing/deck";
import { DeckError } from "./index";
import { glossaryProblem, loadGlossary } from "./glossary";

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
});
