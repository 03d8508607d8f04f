import { beforeEach, describe, expect, it } from "vitest";
import { syncDeck } from "@/lib/content/sync";
import { prisma } from "@/lib/db";
import { deckCard } from "@/lib/testing/deck";
import { resetDatabase } from "@/lib/testing/reset";
import { HISTORY_PAGE_SIZE, listReviewHistory } from "./queries";

const learnerId = "a".repeat(64);

beforeEach(async () => {
  await resetDatabase();
  await syncDeck([deckCard("card-a")]);
  await prisma.learner.create({ data: { id: learnerId } });
});

describe("a card's review history", () => {
  it("comes a page at a time, newest first, however often the card was reviewed", async () => {
    const t0 = Date.UTC(2026, 0, 1);
    const count = 2 * HISTORY_PAGE_SIZE + 7;
    await prisma.reviewLog.createMany({
      data: Array.from({ length: count }, (_, n) => {
        const at = new Date(t0 + n * 3_600_000);
        return { learnerId, cardId: "card-a", rating: 3, stateBefore: 2, stateAfter: 2, dueBefore: at, dueAfter: at, reviewedAt: at, durationMs: n };
      }),
    });
    const first = await listReviewHistory(learnerId, "card-a");
    expect(first).toMatchObject({ page: 1, pages: 3, total: count });
    expect(first.reviews).toHaveLength(HISTORY_PAGE_SIZE);
    expect(first.reviews[0]!.durationMs).toBe(count - 1);
    const last = await listReviewHistory(learnerId, "card-a", 3);
    expect(last.reviews.map((review) => review.durationMs)).toEqual([6, 5, 4, 3, 2, 1, 0]);
    expect((await listReviewHistory(learnerId, "card-a", 99)).reviews).toEqual([]);
  });
});
