import { beforeEach, describe, expect, it } from "vitest";
import { syncDeck } from "@/lib/content/sync";
import { prisma } from "@/lib/db";
import { answerQuestion, createQuiz } from "@/lib/quiz/session";
import { deckCard, learnerRef } from "@/lib/testing/deck";
import { resetDatabase } from "@/lib/testing/reset";
import { getStudyCounts, getStudyScreen, SESSION_GAP_MS, STUDY_AHEAD_NEW, studyScopeOf, type StudyScope } from "./queries";
import { gradeCard } from "./review";

const learner = learnerRef("s".repeat(64));
// 10:00 in Shanghai: the whole test happens in one study day there.
const t0 = new Date("2026-03-02T02:00:00Z");
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);
const grade = (cardId: string, rating: 1 | 2 | 3 | 4, at: Date, durationMs = 1000) => gradeCard({ learner, cardId, rating, durationMs, now: at });

async function summaryAt(now: Date, scope: StudyScope = {}) {
  const { card, summary } = await getStudyScreen(learner, "en", scope, undefined, now);
  expect(card, "nothing left to study").toBeNull();
  return summary!;
}

beforeEach(async () => {
  await resetDatabase();
  await syncDeck([
    ...["p1", "p2", "p3"].map((id) => deckCard(id, { front: { topic: "placement" } })),
    ...["r1", "r2"].map((id) => deckCard(id, { front: { topic: "parameters" } })),
  ]);
  await prisma.learner.create({ data: { id: learner.id, timeZone: "Asia/Shanghai", newCardsPerDay: 3 } });
});

describe("the end-of-session summary", () => {
  it("counts this session only: not the day's earlier reviews before a pause, nor quiz answers", async () => {
    await grade("p1", 4, t0, 5000);
    // After a pause longer than SESSION_GAP_MS, a new session: Again, the same card Easy, another Easy.
    const start = new Date(t0.getTime() + SESSION_GAP_MS + 60 * 60_000);
    const later = (n: number) => new Date(start.getTime() + n * 60_000);
    await grade("p2", 1, start, 20_000);
    const { id } = await createQuiz(learner, { mode: "custom", topics: ["parameters"], difficulties: ["E", "M", "H"], types: ["concept"], count: 5 }, start);
    await answerQuestion(learner, id, { position: 0, response: { kind: "self", outcome: "wrong" }, durationMs: 9000 }, later(1));
    await grade("p2", 4, later(2), 10_000);
    await grade("p3", 4, later(3), 30_000);
    const summary = await summaryAt(later(5), { topic: "placement" });
    expect(summary).toMatchObject({ reviewed: 3, againRate: 1 / 3, timeMs: 60_000 });
  });

  it("gives the next card due after now in the studied topic, on the learner's clock, never one already past", async () => {
    // r1 (another topic) was due yesterday and is still waiting; the placement cards come due in the future.
    await grade("r1", 3, minutes(-24 * 60));
    await prisma.cardState.update({ where: { learnerId_cardId: { learnerId: learner.id, cardId: "r1" } }, data: { due: minutes(-60) } });
    for (const [index, id] of ["p1", "p2", "p3"].entries()) await grade(id, 4, minutes(index));
    const earliest = await prisma.cardState.findFirstOrThrow({ where: { learnerId: learner.id, card: { topic: "placement" } }, orderBy: { due: "asc" } });
    await prisma.cardState.update({ where: { learnerId_cardId: { learnerId: learner.id, cardId: earliest.cardId } }, data: { due: new Date("2026-03-03T01:12:00Z") } });

    const summary = await summaryAt(minutes(5), { topic: "placement" });
    expect(summary.nextDue).toBe("2026-03-03T01:12:00.000Z");
    expect(summary.nextDueText).toBe("tomorrow 09:12");
    // The card waiting in the other topic is offered instead of being reported as "due" in the past.
    expect(summary.elsewhere).toBe(1);
    expect(summary.drillTopic).toBe("placement");
  });

  it("offers new cards ahead of the daily limit, which a larger `extra` then lets through", async () => {
    await prisma.learner.update({ where: { id: learner.id }, data: { newCardsPerDay: 2 } });
    await grade("p1", 4, minutes(0));
    await grade("r1", 1, minutes(1));
    await grade("r1", 4, minutes(2));
    const summary = await summaryAt(minutes(3));
    expect(summary.studyAhead).toEqual({ cards: 3, extraNew: STUDY_AHEAD_NEW });
    expect(summary.drillTopic).toBe("parameters");
    expect((await getStudyCounts(learner, minutes(3), { extraNew: summary.studyAhead!.extraNew })).newAvailable).toBe(3);
  });

  it("reads /study's query string, ignoring what it does not know", () => {
    expect(studyScopeOf({ topic: "placement", extra: "10" })).toEqual({ topic: "placement", extraNew: 10 });
    expect(studyScopeOf({ topic: "astrology", extra: "-3" })).toEqual({});
    expect(studyScopeOf({ extra: "1e9" })).toEqual({ extraNew: 500 });
  });
});
