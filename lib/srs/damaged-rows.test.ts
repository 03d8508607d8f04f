import { beforeEach, describe, expect, it } from "vitest";
import { syncDeck } from "@/lib/content/sync";
import { prisma } from "@/lib/db";
import { getQuizResult, getQuizScreen } from "@/lib/quiz/queries";
import { getStats } from "@/lib/stats";
import { deckCard, learnerRef } from "@/lib/testing/deck";
import { resetDatabase } from "@/lib/testing/reset";
import { getNextStudyCard, getStudyCard } from "./queries";
import { gradeCard, undoLastReview } from "./review";

// Rows no version of the app writes, as an import before imports were fully checked could leave them: each
// page and route still works for the learner, and the damaged part is treated as new, not as an error.
const learnerId = "d".repeat(64);
const learner = learnerRef(learnerId);
const now = new Date("2026-06-15T10:00:00Z");
const memory = { due: now, stability: 3, difficulty: 5, elapsedDays: 0, scheduledDays: 1, learningSteps: 0, reps: 2, lapses: 0, state: 2, lastReview: new Date("2026-06-14T10:00:00Z") };

beforeEach(async () => {
  await resetDatabase();
  await syncDeck(["card-a", "card-b", "card-c", "card-d", "card-e"].map((id) => deckCard(id)));
  await prisma.learner.create({ data: { id: learnerId } });
  await prisma.cardState.createMany({
    data: [
      { learnerId, cardId: "card-a", ...memory, difficulty: 0 },
      { learnerId, cardId: "card-b", ...memory, stability: 0 },
      { learnerId, cardId: "card-c", ...memory, lastReview: new Date("2027-01-01T00:00:00Z") },
      { learnerId, cardId: "card-d", ...memory, lastReview: null },
    ],
  });
  // A review log whose card has no state (card-e), and one with a previous state this app would not write.
  await prisma.reviewLog.createMany({
    data: [
      { learnerId, cardId: "card-e", rating: 3, stateBefore: 2, stateAfter: 2, dueBefore: now, dueAfter: now, reviewedAt: new Date("2026-06-15T09:00:00Z"), durationMs: 1, previous: '{"stability":"lots"}' },
      { learnerId, cardId: "card-d", rating: 3, stateBefore: 2, stateAfter: 2, dueBefore: now, dueAfter: now, reviewedAt: new Date("2026-06-15T08:00:00Z"), durationMs: 1, previous: null },
    ],
  });
  // A quiz numbered from 3, every question answered, never marked finished.
  await prisma.quiz.create({
    data: {
      id: "odd-quiz",
      learnerId,
      mode: "custom",
      request: JSON.stringify({ mode: "custom", topics: ["parameters"], difficulties: ["M"], types: ["concept"], count: 5 }),
      questions: {
        create: [3, 4].map((position) => ({ position, cardId: "card-a", seed: 1, answeredAt: now, response: '{"kind":"self","outcome":"right"}', outcome: "right", rating: 3 })),
      },
    },
  });
});

describe("damaged rows", () => {
  it("do not take down the study screen, and a damaged card is studied as a new one", async () => {
    const next = await getNextStudyCard(learner, "en", now);
    expect(next.card).not.toBeNull();
    for (const cardId of ["card-a", "card-b", "card-c", "card-d"]) {
      const card = await getStudyCard(learner, cardId, "en", now);
      expect(card?.intervals[3], cardId).toBe("10m");
      const graded = await gradeCard({ learner, cardId, rating: 3, durationMs: 0, now });
      expect(graded.state.reps, cardId).toBe(1);
    }
  });

  it("do not take down the statistics", async () => {
    const stats = await getStats(learner, now);
    expect(stats.totalReviews).toBe(2);
    expect(stats.progress.topics.find((row) => row.topic === "parameters")).toMatchObject({ seen: 0, recall: 0 });
  });

  it("do not take down a quiz's pages: a quiz with every question answered shows as finished", async () => {
    expect(await getQuizScreen(learnerId, "odd-quiz", "en")).toEqual({ status: "finished" });
    const result = await getQuizResult(learnerId, "odd-quiz", "en");
    expect(result).toMatchObject({ score: { points: 2, total: 2 } });
  });

  it("can be undone: a review whose card has no state, and one whose previous state is unreadable", async () => {
    await expect(undoLastReview(learner, now)).resolves.toMatchObject({ cardId: "card-e", state: null });
    await expect(undoLastReview(learner, now)).resolves.toMatchObject({ cardId: "card-d" });
    expect(await prisma.reviewLog.count({ where: { learnerId } })).toBe(0);
  });
});
