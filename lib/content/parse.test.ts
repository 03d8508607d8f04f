import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { bilingualBody, cardSource } from "@/lib/testing/deck";
import { DeckError, loadDeck, parseCard } from "./index";

const parse = (source: string) => parseCard("content/cards/test-card.md", source);

describe("parseCard", () => {
  it("reads a valid card: metadata, both languages, math rendered by KaTeX on the server", () => {
    const card = parse(cardSource());
    expect(card).toMatchObject({ id: "test-card", topic: "parameters", difficulty: "M", type: "concept", tags: ["cnn"] });
    expect(card.sources).toEqual(["Ioffe & Szegedy 2015, §3.2"]);
    expect(card.body.en.question).toContain("BatchNorm2d(C)");
    expect(card.body.en.answer).toContain('class="katex"');
    expect(card.body.zh.answer).toContain("每个通道两个");
    expect(card.body.en.keyPoints).toHaveLength(1);
    expect(card.body.en.wrongAnswer).toBeNull();
    expect(card.searchText).toContain("two per channel");
    expect(card.searchText).toContain("每个通道两个");
  });

  it("drops raw HTML from a card instead of rendering it", () => {
    const card = parse(cardSource({ body: bilingualBody({ answer: 'Two. <script>alert(1)</script><img src=x onerror="x">' }) }));
    expect(card.body.en.answer).not.toMatch(/<script|<img|onerror/);
  });

  it.each([
    ["a missing field", { front: { difficulty: null } }, /missing field "difficulty"/],
    ["an unknown topic", { front: { topic: "batchnorm" } }, /topic: must be one of/],
    ["an unknown difficulty", { front: { difficulty: "X" } }, /difficulty: must be E, M or H/],
    ["an unknown type", { front: { type: "essay" } }, /type: must be one of/],
    ["no sources", { front: { sources: "[]" } }, /at least one source/],
    ["an id that is not kebab-case", { id: "Bad Id" }, /id: must be kebab-case/],
    ["an unknown front-matter field", { front: { extra: "1" } }, /Unrecognized key/],
  ])("rejects %s, naming the file", (_, options, problem) => {
    expect(() => parse(cardSource(options))).toThrow(problem);
    expect(() => parse(cardSource(options))).toThrow(/^content\/cards\/test-card\.md: /);
  });

  it("rejects a card missing a language", () => {
    const englishOnly = bilingualBody().split("## Question (zh)")[0]!;
    expect(() => parse(cardSource({ body: englishOnly }))).toThrow(/missing language zh: no "Question \(zh\)" section/);
  });

  it("rejects math KaTeX cannot parse", () => {
    const body = bilingualBody({ answer: "Broken: $\\frac{1}{$" });
    expect(() => parse(cardSource({ body }))).toThrow(/Answer \(en\): math KaTeX cannot parse/);
  });

  it("rejects a wrong-answer section given in only one language", () => {
    const body = bilingualBody().replace("## Key points (en)", "## Wrong answer (en)\n2m.\n\n## Key points (en)");
    expect(() => parse(cardSource({ body }))).toThrow(/"Wrong answer" must be given in both languages/);
  });

  it("rejects unknown headings, text before the first section, and key points that are not a list", () => {
    expect(() => parse(cardSource({ body: `## Notes (en)\nx\n\n${bilingualBody()}` }))).toThrow(/unknown section heading "Notes \(en\)"/);
    expect(() => parse(cardSource({ body: `Stray text\n\n${bilingualBody()}` }))).toThrow(/text before the first section/);
    const prose = bilingualBody().replace("- one $\\gamma$, $\\beta$ pair per channel", "One pair per channel.");
    expect(() => parse(cardSource({ body: prose }))).toThrow(/Key points \(en\)" must be a single bulleted list/);
  });

  it("rejects front matter that is not valid YAML", () => {
    expect(() => parse("---\nid: [unclosed\n---\n")).toThrow(/front matter is not valid YAML/);
  });
});

describe("loadDeck", () => {
  const deckWith = (files: Record<string, string>) => {
    const dir = mkdtempSync(path.join(tmpdir(), "deck-"));
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    return dir;
  };

  it("rejects a duplicate id, naming both files, and reports every broken file at once", async () => {
    const dir = deckWith({
      "a.md": cardSource({ id: "same" }),
      "b.md": cardSource({ id: "same" }),
      "c.md": cardSource({ id: "c", front: { topic: "nope" } }),
    });
    const error = await loadDeck(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeckError);
    expect((error as DeckError).problems).toHaveLength(2);
    expect((error as DeckError).message).toMatch(/b\.md: duplicate id "same" \(also in .*a\.md\)/);
    expect((error as DeckError).message).toMatch(/c\.md: topic: must be one of/);
  });

  it("orders cards topic by topic, easy before hard", async () => {
    const dir = deckWith({
      "1.md": cardSource({ id: "hard-params", front: { difficulty: "H" } }),
      "2.md": cardSource({ id: "easy-params", front: { difficulty: "E" } }),
      "3.md": cardSource({ id: "why", front: { topic: "motivation" } }),
    });
    const cards = await loadDeck(dir);
    expect(cards.map((card) => [card.id, card.position])).toEqual([
      ["why", 0],
      ["easy-params", 1],
      ["hard-params", 2],
    ]);
  });

  it("loads the real deck: every card valid in both languages", async () => {
    const cards = await loadDeck();
    expect(cards.length).toBeGreaterThanOrEqual(10);
    for (const card of cards) {
      expect(card.body.en.question.length, card.id).toBeGreaterThan(10);
      expect(card.body.zh.question, card.id).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
