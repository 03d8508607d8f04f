import { beforeEach, describe, expect, it } from "vitest";
import { addDays, dayKey, startOfDay } from "@/lib/calendar";
import { syncDeck } from "@/lib/content/sync";
import { prisma, runSql } from "@/lib/db";
import { lockLearner } from "@/lib/learner";
import { deckCard, learnerRef } from "@/lib/testing/deck";
import { resetDatabase } from "@/lib/testing/reset";
import { getNextStudyCard, getStudyCard, getStudyCounts } from "./queries";
import { changeGradeLocked, gradeCard, undoLastReview } from "./review";
import { applyGrade, Rating, State } from "./scheduler";

// Two learners on one server with the same interview date: Shanghai (UTC+8) and Los Angeles (UTC−7 in June).
const shanghai = learnerRef("s".repeat(64));
const losAngeles = learnerRef("l".repeat(64));
// 20:00 UTC on 1 June: 04:00 on 2 June in Shanghai (a new study day), 13:00 on 1 June in Los Angeles.
const now = new Date("2026-06-01T20:00:00Z");
const interviewDate = "2026-06-10";
const DAY = 86_400_000;

beforeEach(async () => {
  await resetDatabase();
  // Deck order puts history first; the must-know cards (parameters, train-eval) come later in it.
  await syncDeck([
    deckCard("history-a", { front: { topic: "motivation", difficulty: "E" } }),
    deckCard("history-b", { front: { topic: "motivation", difficulty: "M" } }),
    deckCard("params-a", { front: { topic: "parameters", difficulty: "E" } }),
    deckCard("params-hard", { front: { topic: "parameters", difficulty: "H" } }),
    deckCard("eval-a", { front: { topic: "train-eval", difficulty: "M" } }),
    deckCard("backward-a", { front: { topic: "backward", difficulty: "M" } }),
  ].map((card, position) => ({ ...card, position })));
  await prisma.learner.createMany({
    data: [
      { id: shanghai.id, timeZone: "Asia/Shanghai", interviewDate },
      { id: losAngeles.id, timeZone: "America/Los_Angeles", interviewDate },
    ],
  });
});

describe("the study queue with an interview date", () => {
  it("gives the plan's new cards a day, each learner by their own days", async () => {
    const [east, west] = await Promise.all([getStudyCounts(shanghai, now), getStudyCounts(losAngeles, now)]);
    // Shanghai: 8 days left → 6 days to introduce 6 cards → 1 a day. Los Angeles: 9 days left → 7 days → 1 a day.
    expect(east.plan).toMatchObject({ daysLeft: 8, lastIntroductionDay: "2026-06-07", needed: 1, late: 0 });
    expect(west.plan).toMatchObject({ daysLeft: 9, lastIntroductionDay: "2026-06-07", needed: 1, late: 0 });
    expect(east.newAvailable).toBe(1);

    await prisma.learner.update({ where: { id: shanghai.id }, data: { interviewDate: "2026-06-05" } });
    // 3 days left: today is the one day to introduce, so all six now (the limit of 20 allows it).
    expect(await getStudyCounts(shanghai, now)).toMatchObject({ newAvailable: 6, plan: { daysLeft: 3, needed: 6 } });
    await prisma.learner.update({ where: { id: shanghai.id }, data: { newCardsPerDay: 4 } });
    expect(await getStudyCounts(shanghai, now)).toMatchObject({ newAvailable: 4, plan: { newPerDay: 4, late: 2 } });

    // Without a date the daily limit alone counts again.
    await prisma.learner.update({ where: { id: shanghai.id }, data: { interviewDate: null } });
    expect(await getStudyCounts(shanghai, now)).toMatchObject({ newAvailable: 4, plan: null });
  });

  it("counts today's new cards against the plan, also when studying one topic", async () => {
    await prisma.learner.update({ where: { id: shanghai.id }, data: { interviewDate: "2026-06-05" } });
    await gradeCard({ learner: shanghai, cardId: "backward-a", rating: Rating.Good, durationMs: 0, now });
    expect(await getStudyCounts(shanghai, now)).toMatchObject({ newAvailable: 5, newToday: 1 });
    expect(await getStudyCounts(shanghai, now, { topic: "parameters" })).toMatchObject({ newAvailable: 2 });
  });

  it("introduces new cards in the deck's order, which puts the core (must-know) cards first, with or without a date", async () => {
    // The deck loader orders core cards first (lib/content/load.ts); the plan keeps that order.
    await syncDeck([
      deckCard("params-a", { front: { topic: "parameters", difficulty: "E", priority: "core" } }),
      deckCard("eval-a", { front: { topic: "train-eval", difficulty: "M", priority: "core" } }),
      deckCard("history-a", { front: { topic: "motivation", difficulty: "E" } }),
    ].map((card, position) => ({ ...card, position })));
    await prisma.learner.update({ where: { id: shanghai.id }, data: { interviewDate: "2026-06-05" } });
    const order: string[] = [];
    for (let n = 0; n < 3; n++) {
      const { card } = await getNextStudyCard(shanghai, "en", now);
      order.push(card!.id);
      // Easy skips the learning steps, so the next card shown is the next new one.
      await gradeCard({ learner: shanghai, cardId: card!.id, rating: Rating.Easy, durationMs: 0, now });
    }
    expect(order).toEqual(["params-a", "eval-a", "history-a"]);
    await prisma.learner.update({ where: { id: losAngeles.id }, data: { interviewDate: null } });
    expect((await getNextStudyCard(losAngeles, "en", now, {})).card!.id).toBe("params-a");
  });
});

describe("reviews with an interview date", () => {
  // A card learned long ago: FSRS would next show it weeks after the interview.
  const learned = {
    due: now,
    stability: 40,
    difficulty: 4,
    elapsedDays: 30,
    scheduledDays: 30,
    learningSteps: 0,
    reps: 5,
    lapses: 0,
    state: State.Review,
    lastReview: new Date(now.getTime() - 30 * DAY),
  };

  it("brings a review FSRS would schedule after the interview to the start of its eve, in the learner's zone", async () => {
    for (const [learner, zone] of [
      [shanghai, "Asia/Shanghai"],
      [losAngeles, "America/Los_Angeles"],
    ] as const) {
      await prisma.cardState.create({ data: { learnerId: learner.id, cardId: "params-a", ...learned } });
      const free = applyGrade(learned, Rating.Good, now, 0.9);
      expect(free.due.getTime()).toBeGreaterThan(startOfDay(interviewDate, zone).getTime());
      const { state } = await gradeCard({ learner, cardId: "params-a", rating: Rating.Good, durationMs: 0, now });
      expect(state).toEqual({ ...free, due: startOfDay("2026-06-09", zone), scheduledDays: state.scheduledDays });
      expect(state.scheduledDays).toBe(zone === "Asia/Shanghai" ? 7 : 8);
      expect(dayKey(state.due, zone)).toBe(addDays(interviewDate, -1));
    }
  });

  it("shows the bounded interval on the grade buttons, as grading gives it", async () => {
    await prisma.cardState.create({ data: { learnerId: shanghai.id, cardId: "params-a", ...learned } });
    const card = await getStudyCard(shanghai, "params-a", "en", now);
    // 04:00 on 2 June to 04:00 on 9 June in Shanghai: 7 days, whatever FSRS alone would give.
    expect([card!.intervals[Rating.Hard], card!.intervals[Rating.Good], card!.intervals[Rating.Easy]]).toEqual(["7d", "7d", "7d"]);
    await prisma.learner.update({ where: { id: shanghai.id }, data: { interviewDate: null } });
    expect((await getStudyCard(shanghai, "params-a", "en", now))!.intervals[Rating.Good]).not.toBe("7d");
  });

  it("keeps undo exact and a changed grade bounded as the first", async () => {
    await prisma.cardState.create({ data: { learnerId: shanghai.id, cardId: "params-a", ...learned } });
    const graded = await gradeCard({ learner: shanghai, cardId: "params-a", rating: Rating.Hard, durationMs: 0, now });
    await runSql(function* (d) {
      const locked = (yield* lockLearner(d, shanghai, now))!;
      yield* changeGradeLocked(locked.id, locked, graded.reviewId, Rating.Easy);
    });
    const changed = await prisma.cardState.findUniqueOrThrow({ where: { learnerId_cardId: { learnerId: shanghai.id, cardId: "params-a" } } });
    expect(changed).toMatchObject({ ...applyGrade(learned, Rating.Easy, now, 0.9), due: startOfDay("2026-06-09", "Asia/Shanghai"), scheduledDays: 7 });
    await undoLastReview(shanghai, now);
    expect(await prisma.cardState.findUniqueOrThrow({ where: { learnerId_cardId: { learnerId: shanghai.id, cardId: "params-a" } } })).toMatchObject(learned);
  });
});
