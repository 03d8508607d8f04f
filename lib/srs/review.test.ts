import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { syncDeck } from "@/lib/content/sync";
import { deckCard, learnerRef } from "@/lib/testing/deck";
import { applyGrade, Rating, State } from "./scheduler";
import { gradeCard, ReviewError, undoLastReview } from "./review";
import { getNextStudyCard, getStudyCounts } from "./queries";
import { resetDatabase } from "@/lib/testing/reset";

const learnerId = "a".repeat(64);
const otherLearnerId = "b".repeat(64);
const t0 = new Date("2026-03-02T10:00:00");
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);

beforeEach(async () => {
  await resetDatabase();
  await syncDeck([deckCard("card-a"), deckCard("card-b"), deckCard("card-c")]);
  await prisma.learner.createMany({ data: [{ id: learnerId }, { id: otherLearnerId }] });
});

const stateOf = (id: string, cardId: string) =>
  prisma.cardState.findUnique({ where: { learnerId_cardId: { learnerId: id, cardId } } });

describe("gradeCard", () => {
  it("writes the FSRS state and a review log with the state and due before and after", async () => {
    await gradeCard({ learner: learnerRef(learnerId), cardId: "card-a", rating: Rating.Good, durationMs: 4200, now: t0 });
    const state = await stateOf(learnerId, "card-a");
    expect(state).toMatchObject(applyGrade(null, Rating.Good, t0, 0.9));
    const [log] = await prisma.reviewLog.findMany();
    expect(log).toMatchObject({
      learnerId,
      cardId: "card-a",
      rating: 3,
      stateBefore: State.New,
      stateAfter: State.Learning,
      dueBefore: t0,
      dueAfter: minutes(10),
      reviewedAt: t0,
      durationMs: 4200,
      previous: null,
    });
  });

  it("uses the learner's desired retention", async () => {
    await prisma.learner.update({ where: { id: learnerId }, data: { desiredRetention: 0.97 } });
    await gradeCard({ learner: learnerRef(learnerId), cardId: "card-a", rating: Rating.Easy, durationMs: 0, now: t0 });
    expect(await stateOf(learnerId, "card-a")).toMatchObject(applyGrade(null, Rating.Easy, t0, 0.97));
  });

  it.each([
    ["an unknown card", "no-such-card", "unknown_card", 404],
    ["a retired card", "card-c", "card_retired", 409],
  ])("refuses %s and writes nothing", async (_, cardId, code, status) => {
    await syncDeck([deckCard("card-a"), deckCard("card-b")]);
    const error = await gradeCard({ learner: learnerRef(learnerId), cardId, rating: Rating.Good, durationMs: 0, now: t0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReviewError);
    expect(error).toMatchObject({ code, status });
    expect(await prisma.reviewLog.count()).toBe(0);
    expect(await prisma.cardState.count()).toBe(0);
  });

  it("keeps each learner's progress apart", async () => {
    await gradeCard({ learner: learnerRef(learnerId), cardId: "card-a", rating: Rating.Again, durationMs: 0, now: t0 });
    expect(await stateOf(otherLearnerId, "card-a")).toBeNull();
    expect((await getStudyCounts(learnerRef(otherLearnerId), t0)).reviewsToday).toBe(0);
    await expect(undoLastReview(learnerRef(otherLearnerId))).rejects.toMatchObject({ code: "nothing_to_undo" });
    expect(await prisma.reviewLog.count({ where: { learnerId } })).toBe(1);
  });
});

it("refuses a learner who does not exist (a made-up cookie), for grading and for undo", async () => {
  const stranger = "f".repeat(64);
  await expect(gradeCard({ learner: learnerRef(stranger), cardId: "card-a", rating: Rating.Good, durationMs: 0 })).rejects.toMatchObject({
    code: "unauthorized",
    status: 401,
  });
  await expect(undoLastReview(learnerRef(stranger))).rejects.toMatchObject({ code: "unauthorized", status: 401 });
  expect(await prisma.learner.count({ where: { id: stranger } })).toBe(0);
  expect(await prisma.reviewLog.count()).toBe(0);
});

describe("undoLastReview", () => {
  it("restores the exact previous state, one grade at a time, and removes each log", async () => {
    await gradeCard({ learner: learnerRef(learnerId), cardId: "card-a", rating: Rating.Good, durationMs: 0, now: t0 });
    const afterFirst = await stateOf(learnerId, "card-a");
    await gradeCard({ learner: learnerRef(learnerId), cardId: "card-a", rating: Rating.Good, durationMs: 0, now: minutes(11) });
    await gradeCard({ learner: learnerRef(learnerId), cardId: "card-b", rating: Rating.Hard, durationMs: 0, now: minutes(12) });

    const undone = await undoLastReview(learnerRef(learnerId));
    expect(undone).toMatchObject({ cardId: "card-b", rating: Rating.Hard, state: null });
    expect(await stateOf(learnerId, "card-b")).toBeNull();

    await undoLastReview(learnerRef(learnerId));
    expect(await stateOf(learnerId, "card-a")).toEqual(afterFirst);
    expect(await prisma.reviewLog.count()).toBe(1);

    await undoLastReview(learnerRef(learnerId));
    expect(await prisma.cardState.count()).toBe(0);
    expect(await prisma.reviewLog.count()).toBe(0);
    await expect(undoLastReview(learnerRef(learnerId))).rejects.toMatchObject({ code: "nothing_to_undo", status: 409 });
  });
});

describe("the study queue", () => {
  it("serves due learning cards first, then new cards within the daily limit, then learns ahead", async () => {
    await prisma.learner.update({ where: { id: learnerId }, data: { newCardsPerDay: 2 } });
    expect((await getNextStudyCard(learnerRef(learnerId), "en", t0)).card?.id).toBe("card-a");

    await gradeCard({ learner: learnerRef(learnerId), cardId: "card-a", rating: Rating.Again, durationMs: 0, now: t0 });
    // card-a is due again in one minute; until then the next new card comes first.
    const next = await getNextStudyCard(learnerRef(learnerId), "en", minutes(0.5));
    expect(next.card?.id).toBe("card-b");
    expect(next.counts).toMatchObject({ learning: 1, newAvailable: 1, reviewsToday: 1 });
    expect((await getNextStudyCard(learnerRef(learnerId), "en", minutes(2))).card?.id).toBe("card-a");

    await gradeCard({ learner: learnerRef(learnerId), cardId: "card-b", rating: Rating.Good, durationMs: 0, now: minutes(2) });
    await gradeCard({ learner: learnerRef(learnerId), cardId: "card-a", rating: Rating.Easy, durationMs: 0, now: minutes(3) });
    // The daily limit of 2 new cards is used up: card-c waits; card-b (due at +12 min) is learned ahead.
    const ahead = await getNextStudyCard(learnerRef(learnerId), "en", minutes(4));
    expect(ahead.card?.id).toBe("card-b");
    expect(ahead.counts.newAvailable).toBe(0);

    await gradeCard({ learner: learnerRef(learnerId), cardId: "card-b", rating: Rating.Easy, durationMs: 0, now: minutes(4) });
    expect((await getNextStudyCard(learnerRef(learnerId), "en", minutes(5))).card).toBeNull();
  });

  it("shows the interval each grade would give on the card", async () => {
    const { card } = await getNextStudyCard(learnerRef(learnerId), "en", t0);
    expect(card?.intervals).toMatchObject({ 1: "1m", 2: "6m", 3: "10m" });
  });
});
