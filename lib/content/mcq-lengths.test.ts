import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadTestDeck, MCQ_OPTIONS, mcqSource } from "@/lib/testing/deck";
import { DeckError, parseCard } from "./index";
import { correctIsLongest, longestOptionProblem } from "./mcq-lengths";
import { visibleText } from "./render";

// The correct option made the longest of the three (the fixture's correct "$2C$ per layer" is among the shortest).
const LONG_RIGHT = MCQ_OPTIONS.replace('{ en: "$2C$ per layer", zh: "每层 $2C$" }', '{ en: "$2C$: one pair per channel, whatever the batch", zh: "$2C$：每个通道一对，与 batch 无关" }');
const mcq = (id: string, options = MCQ_OPTIONS) => parseCard(`${id}.md`, mcqSource({ id, options }));

describe("the longest option is no tell", () => {
  it("measures what a learner sees: KaTeX's hidden MathML copy does not count", () => {
    const card = mcq("short-right");
    if (card.spec?.kind !== "mcq") throw new Error("no mcq spec");
    expect(visibleText(card.spec.options[0]!.html.en)).toBe("2C per layer");
    expect(correctIsLongest(card, "en")).toBe(false);
    expect(correctIsLongest(mcq("long-right", LONG_RIGHT), "en")).toBe(true);
    expect(correctIsLongest(mcq("long-right", LONG_RIGHT), "zh")).toBe(true);
  });

  it("allows the correct option to be the longest in a third of the mcqs, not more", () => {
    const third = [mcq("a", LONG_RIGHT), mcq("b"), mcq("c")];
    expect(longestOptionProblem(third)).toBeNull();
    const twoThirds = [mcq("a", LONG_RIGHT), mcq("b", LONG_RIGHT), mcq("c")];
    expect(longestOptionProblem(twoThirds)).toMatch(/in 2 of 3 multiple-choice cards \(en\) the correct option is the longest.*: a, b$/);
  });

  it("fails the content check of a deck where picking the longest option wins", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "deck-"));
    writeFileSync(path.join(dir, "a.md"), mcqSource({ id: "a", options: LONG_RIGHT }));
    writeFileSync(path.join(dir, "b.md"), mcqSource({ id: "b" }));
    writeFileSync(path.join(dir, "c.md"), mcqSource({ id: "c" }));
    await expect(loadTestDeck({ dir })).resolves.toHaveLength(3);
    writeFileSync(path.join(dir, "b.md"), mcqSource({ id: "b", options: LONG_RIGHT }));
    const error = await loadTestDeck({ dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeckError);
    expect((error as DeckError).message).toMatch(/in 2 of 3 multiple-choice cards \(en\) the correct option is the longest/);
  });
});
