import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cardSource, deckCard, loadTestDeck } from "@/lib/testing/deck";
import { DeckError } from "./errors";
import { inStudyOrder } from "./load";
import { MIN_CORE_PER_TOPIC, priorityProblem } from "./priority";
import { MUST_KNOW_TOPICS, type DeckCard } from "./schema";

const card = (id: string, topic: string, priority: string, type: "concept" | "mcq" = "concept") =>
  type === "concept"
    ? deckCard(id, { front: { topic, priority } })
    : deckCard(id, {
        front: {
          topic,
          priority,
          type: "mcq",
          options: '\n  - text: { en: "2C", zh: "2C" }\n    correct: true\n  - text: { en: "C", zh: "C" }\n    why: { en: "x", zh: "x" }\n  - text: { en: "4C", zh: "4C" }\n    why: { en: "x", zh: "x" }',
        },
      });

/** A deck that satisfies the rule: three core cards (one concept) per must-know topic, plenty of main ones. */
let valid: DeckCard[] | undefined;
function validDeck(): DeckCard[] {
  if (valid) return valid;
  const cards: DeckCard[] = [];
  for (const topic of MUST_KNOW_TOPICS) {
    cards.push(card(`${topic}-core-concept`, topic, "core"), card(`${topic}-core-a`, topic, "core", "mcq"), card(`${topic}-core-b`, topic, "core", "mcq"));
  }
  for (let i = 0; i < 40; i++) cards.push(card(`main-${i}`, "algorithm", "main"));
  return (valid = cards);
}

describe("priority", () => {
  it("is required front matter, one of core, main or depth", () => {
    expect(() => deckCard("no-priority", { front: { priority: null } })).toThrow(/missing field "priority"/);
    expect(() => deckCard("bad-priority", { front: { priority: "urgent" } })).toThrow(/priority: must be one of: core, main, depth/);
    expect(deckCard("ok", { front: { priority: "depth" } }).priority).toBe("depth");
  });

  it("accepts a deck whose must-know topics each have enough core cards, one of them a concept card", () => {
    expect(priorityProblem(validDeck())).toBeNull();
  });

  it("keeps core for the must-know topics: a motivation (history) card is never core", () => {
    const deck = [...validDeck(), card("headline-results", "motivation", "core")];
    expect(priorityProblem(deck)).toMatch(/make these main or depth: headline-results \(motivation\)/);
    expect(priorityProblem(deck, [...MUST_KNOW_TOPICS, "motivation"])).toMatch(/headline-results \(motivation\)/);
  });

  it(`needs at least ${MIN_CORE_PER_TOPIC} core cards in every must-know topic, including a concept card`, () => {
    const fewer = validDeck().filter((c) => c.id !== "train-eval-core-b");
    expect(priorityProblem(fewer)).toMatch(/the must-know topic train-eval has 2 core card\(s\); it needs at least 3/);
    const noConcept = [...validDeck().filter((c) => c.id !== "placement-core-concept"), card("placement-core-c", "placement", "core", "mcq")];
    expect(priorityProblem(noConcept)).toMatch(/placement has 3 core card\(s\) and no core concept card/);
  });

  it("keeps the core set small: at most a quarter of the deck", () => {
    const tooMany = validDeck().filter((c) => !c.id.startsWith("main-") || Number(c.id.slice(5)) < 20);
    expect(priorityProblem(tooMany)).toMatch(/12 of 32 cards are core; at most a quarter/);
  });

  it("orders new cards by priority, then topic, then difficulty", () => {
    const deck = inStudyOrder([
      deckCard("depth-placement", { front: { topic: "placement", priority: "depth", difficulty: "E" } }),
      deckCard("main-motivation", { front: { topic: "motivation", priority: "main", difficulty: "E" } }),
      deckCard("core-train-eval", { front: { topic: "train-eval", priority: "core", difficulty: "E" } }),
      deckCard("core-placement-hard", { front: { topic: "placement", priority: "core", difficulty: "H" } }),
      deckCard("core-placement-easy", { front: { topic: "placement", priority: "core", difficulty: "E" } }),
    ]);
    expect(deck.map((c) => [c.id, c.position])).toEqual([
      ["core-placement-easy", 0],
      ["core-placement-hard", 1],
      ["core-train-eval", 2],
      ["main-motivation", 3],
      ["depth-placement", 4],
    ]);
  });

  it("is checked when a deck loads: the deck error names the rule", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "deck-"));
    writeFileSync(path.join(dir, "a.md"), cardSource({ id: "history", front: { topic: "motivation", priority: "core" } }));
    const error = await loadTestDeck({ dir, mustKnow: MUST_KNOW_TOPICS }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeckError);
    expect((error as DeckError).message).toMatch(/priority: core is for the must-know questions of placement, parameters, running-stats, train-eval/);
  });
});
