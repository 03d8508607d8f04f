import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { syncDeck } from "@/lib/content/sync";
import { MUST_KNOW_TOPICS, type DeckCard } from "@/lib/content/schema";
import { learnerRef, loadTestDeck } from "@/lib/testing/deck";
import { resetDatabase } from "@/lib/testing/reset";
import { getNextStudyCard } from "./queries";
import { gradeCard } from "./review";
import { Rating } from "./scheduler";

// Issue "first evening", 9: without a date, a fresh learner's new cards start with the must-know questions.
let deck: DeckCard[];
const learnerId = "f".repeat(64);
const evening = new Date("2026-03-02T19:00:00");

beforeAll(async () => {
  deck = await loadTestDeck();
  await resetDatabase();
  await syncDeck(deck);
  await prisma.learner.create({ data: { id: learnerId } });
}, 60_000);

describe("a fresh learner's first evening", () => {
  it("introduces the core cards of placement, parameters, running statistics and train/eval first", async () => {
    const learner = learnerRef(learnerId);
    const { counts } = await getNextStudyCard(learner, "en", evening);
    expect(counts.newAvailable).toBe(20);

    // Grade each new card Good at the same instant: it waits 10 minutes, so the next card is the next new one.
    const shown: string[] = [];
    for (let i = 0; i < counts.newAvailable; i++) {
      const { card } = await getNextStudyCard(learner, "en", evening);
      expect(card, `new card ${i + 1}`).not.toBeNull();
      shown.push(card!.id);
      await gradeCard({ learner, cardId: card!.id, rating: Rating.Good, durationMs: 1000, now: evening });
    }

    const byId = new Map(deck.map((card) => [card.id, card]));
    for (const id of shown) {
      expect(byId.get(id)!.priority, id).toBe("core");
      expect(MUST_KNOW_TOPICS, id).toContain(byId.get(id)!.topic);
    }
    // Topic by topic in the deck's topic order, so the evening starts with where BN goes.
    expect(byId.get(shown[0]!)!.topic).toBe("placement");
    const topics: string[] = shown.map((id) => byId.get(id)!.topic);
    const order: readonly string[] = MUST_KNOW_TOPICS;
    expect(topics).toEqual(topics.toSorted((a, b) => order.indexOf(a) - order.indexOf(b)));
    // Every must-know topic gets its turn that evening, and nothing from motivation (the history) does.
    expect(new Set(topics)).toEqual(new Set(MUST_KNOW_TOPICS));
  });
});
