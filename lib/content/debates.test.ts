import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cardSource, loadTestDeck, parseTestCard } from "@/lib/testing/deck";
import { debateProblems, loadDebates, type Debate } from "./debates";
import { loadGlossary, type GlossaryTerm } from "./glossary";
import type { DeckCard } from "./schema";

let deck: DeckCard[];
let glossary: GlossaryTerm[];
beforeAll(async () => {
  [deck, glossary] = await Promise.all([loadTestDeck(), loadGlossary()]);
}, 60_000);

const twoSources = '\n  - "Ioffe & Szegedy 2015, §3.4"\n  - "Luo et al. 2019, ICLR"';
const debatedCard = (id: string) => parseTestCard(`${id}.md`, cardSource({ id, front: { debated: "true", sources: twoSources } }));
const plainCard = (id: string) => parseTestCard(`${id}.md`, cardSource({ id }));
const explanation = (source: string) => ({ claim: { en: "A claim", zh: "一个说法" }, evidence: { en: "Evidence", zh: "证据" }, sources: [source] });
const debate = (overrides: Partial<Debate> = {}): Debate => ({
  id: "why",
  question: { en: "Why?", zh: "为什么？" },
  cards: ["card-a"],
  explanations: [explanation("Ioffe & Szegedy 2015"), explanation("Santurkar et al. 2018")],
  ...overrides,
});
const problemsOf = (debates: Debate[], cards: DeckCard[]) => debateProblems(debates, cards, glossary).map((problem) => problem.problem);

describe("the deck's debates", () => {
  it("hold every debated card of the real deck exactly once, each debate weighing at least two sources", async () => {
    const debates = await loadDebates();
    expect(debateProblems(debates, deck, glossary)).toEqual([]);
    const debated = deck.filter((card) => card.debated).map((card) => card.id).sort();
    expect(debates.flatMap((each) => each.cards).sort()).toEqual(debated);
    expect(debates.find((each) => each.cards.includes("why-use-bn"))!.explanations.map((each) => each.sources[0]!.split(",")[0])).toEqual([
      "Ioffe & Szegedy 2015",
      "Santurkar",
      "Bjorck",
      "Arora",
      "Kohler",
      "Yang",
    ]);
  });
});

describe("debateProblems", () => {
  it("refuses a debated card that belongs to no debate, and a debate naming a card that is missing or not debated", () => {
    expect(problemsOf([debate()], [debatedCard("card-a"), debatedCard("card-b")])).toEqual([
      'card "card-b" is marked debated but belongs to no debate: add it to one',
    ]);
    expect(problemsOf([debate({ cards: ["card-a", "card-c"] })], [debatedCard("card-a")])).toEqual([
      'debate "why" names card "card-c", which the deck does not have',
    ]);
    expect(problemsOf([debate()], [plainCard("card-a")])).toEqual(['debate "why" names card "card-a", which is not marked debated: true']);
  });

  it("refuses a debate with one source for all its explanations, a card in two debates, and wording the glossary avoids", () => {
    const one = debate({ explanations: [explanation("Ioffe & Szegedy 2015"), explanation("Ioffe & Szegedy 2015")] });
    expect(problemsOf([one], [debatedCard("card-a")])).toEqual(['debate "why" cites fewer than two sources']);
    expect(problemsOf([debate(), debate({ id: "again" })], [debatedCard("card-a")])).toEqual(['card "card-a" is in two debates ("why" and "again")']);
    const avoided = debate({ question: { en: "Why?", zh: "移动平均为什么有用？" } });
    expect(problemsOf([avoided], [debatedCard("card-a")])[0]).toMatch(/uses "移动平均".*滑动平均/);
  });

  it("names the file and the field when the debates file is malformed", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "debates-"));
    const file = path.join(dir, "debates.md");
    await writeFile(file, "---\ndebates:\n  - id: why\n    question: { en: Why? }\n---\n");
    await expect(loadDebates(file)).rejects.toThrow(/debates\.0\.question\.zh/);
    await writeFile(file, "---\ndebates:\n  - id: why\n    question: { en: Why: now }\n---\n");
    await expect(loadDebates(file)).rejects.toThrow(/front matter is not valid YAML/);
  });
});
