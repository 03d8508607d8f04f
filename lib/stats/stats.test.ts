import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { syncDeck } from "@/lib/content/sync";
import { deckCard, learnerRef } from "@/lib/testing/deck";
import { encodeMemory } from "@/lib/srs/memory-codec";
import { getStats } from "./index";
import { resetDatabase } from "@/lib/testing/reset";

const learnerId = "a".repeat(64);
const otherLearnerId = "b".repeat(64);
// Local time: the study day runs 4 a.m. to 4 a.m. Monday 15 June 2026, 10:00.
const now = new Date(2026, 5, 15, 10, 0);
const at = (month: number, day: number, hour = 12) => new Date(2026, month - 1, day, hour, 0);
const DAY = 86_400_000;
const previous = (scheduledDays: number, reviewedAt: Date) =>
  encodeMemory({ due: reviewedAt, stability: scheduledDays, difficulty: 5, elapsedDays: scheduledDays, scheduledDays, learningSteps: 0, reps: 2, lapses: 0, state: 2, lastReview: new Date(reviewedAt.getTime() - scheduledDays * DAY) });

function log(cardId: string, rating: number, stateBefore: number, reviewedAt: Date, interval: number | null = null, learner = learnerId) {
  return {
    learnerId: learner,
    cardId,
    rating,
    stateBefore,
    stateAfter: rating === 1 ? 3 : 2,
    dueBefore: reviewedAt,
    dueAfter: reviewedAt,
    reviewedAt,
    durationMs: 1000,
    previous: interval === null ? null : previous(interval, reviewedAt),
  };
}

function state(cardId: string, memory: { state: number; due: Date; stability: number; lastReview: Date }, learner = learnerId) {
  return { learnerId: learner, cardId, difficulty: 5, elapsedDays: 0, scheduledDays: 0, learningSteps: 0, reps: 3, lapses: 0, ...memory };
}

beforeEach(async () => {
  await resetDatabase();
  await syncDeck([
    deckCard("a"),
    deckCard("b", { front: { topic: "backward" } }),
    deckCard("c", { front: { topic: "backward" } }),
    deckCard("d"),
    deckCard("e"),
  ]);
  await prisma.card.update({ where: { id: "e" }, data: { retired: true } });
  await prisma.learner.createMany({ data: [{ id: learnerId }, { id: otherLearnerId }] });
});

async function seedHistory() {
  await prisma.reviewLog.createMany({
    data: [
      log("a", 3, 0, at(6, 15, 9)), //                 today, a new card
      log("a", 1, 2, at(6, 15, 3), 30), //              03:00 still belongs to 14 June; mature, Again
      log("b", 3, 2, at(6, 10), 5), //                  young, passed
      log("b", 2, 2, at(6, 1), 10), //                  young, passed (Hard is not Again)
      log("c", 4, 2, at(5, 20), 25), //                 mature, passed
      log("c", 1, 3, at(6, 12)), //                     relearning: not in true retention
      log("d", 3, 2, at(5, 10), 40), //                 older than 30 days: calendar only
      log("d", 3, 0, new Date(2025, 5, 10, 12)), //     older than the calendar's year
      log("a", 4, 2, at(6, 15, 9), 30, otherLearnerId), // someone else's
    ],
  });
  await prisma.cardState.createMany({
    data: [
      // learning, due in 5 minutes; reviewed an hour ago: 0 whole days elapsed → R = 1
      state("a", { state: 1, due: new Date(now.getTime() + 5 * 60_000), stability: 2, lastReview: at(6, 15, 9) }),
      // overdue review; 4 days since the last review with stability 4 → R = 0.9 by FSRS's definition of stability
      state("b", { state: 2, due: at(6, 14), stability: 4, lastReview: new Date(now.getTime() - 4 * DAY) }),
      // due 17 June 03:00, which is still the study day of 16 June; reviewed just now → R = 1
      state("c", { state: 2, due: at(6, 17, 3), stability: 5, lastReview: now }),
      // due beyond the 30-day forecast; 120 days elapsed at stability 40 (t = 3S)
      state("d", { state: 2, due: at(7, 20), stability: 40, lastReview: new Date(now.getTime() - 120 * DAY) }),
      // retired card: in no statistic
      state("e", { state: 2, due: at(6, 15, 5), stability: 4, lastReview: new Date(now.getTime() - 4 * DAY) }),
      state("b", { state: 2, due: at(6, 15, 5), stability: 4, lastReview: now }, otherLearnerId),
    ],
  });
  const quiz = (id: string, finishedAt: Date | null, outcomes: [string, string][], learner = learnerId) =>
    prisma.quiz.create({
      data: {
        id,
        learnerId: learner,
        mode: "custom",
        request: "{}",
        finishedAt,
        createdAt: finishedAt ?? now,
        questions: { create: outcomes.map(([cardId, outcome], position) => ({ position, cardId, seed: 1, outcome, answeredAt: finishedAt })) },
      },
    });
  await quiz("late", at(6, 12), [["b", "right"]]);
  await quiz("early", at(6, 2), [["a", "right"], ["b", "wrong"], ["d", "partly"]]);
  await quiz("unfinished", null, [["a", "right"]]);
  await quiz("theirs", at(6, 3), [["a", "wrong"]], otherLearnerId);
}

describe("getStats on a seeded history", () => {
  it("counts reviews per study day over the last year, today first at 4 a.m.", async () => {
    await seedHistory();
    const stats = await getStats(learnerRef(learnerId), now);
    expect(stats.totalReviews).toBe(8);
    expect(stats.reviewsToday).toBe(1);
    expect(stats.calendar).toHaveLength(365);
    expect(stats.calendar[0]!.day).toBe("2025-06-16");
    expect(stats.calendar.at(-1)).toEqual({ day: "2026-06-15", reviews: 1 });
    const active = stats.calendar.filter((day) => day.reviews > 0);
    expect(active).toEqual([
      { day: "2026-05-10", reviews: 1 },
      { day: "2026-05-20", reviews: 1 },
      { day: "2026-06-01", reviews: 1 },
      { day: "2026-06-10", reviews: 1 },
      { day: "2026-06-12", reviews: 1 },
      { day: "2026-06-14", reviews: 1 },
      { day: "2026-06-15", reviews: 1 },
    ]);
  });

  it("splits the last 30 days' reviews by rating", async () => {
    await seedHistory();
    const { ratings } = await getStats(learnerRef(learnerId), now);
    expect(ratings).toHaveLength(30);
    expect(ratings[0]!.day).toBe("2026-05-17");
    expect(ratings.filter((day) => day.again + day.hard + day.good + day.easy > 0)).toEqual([
      { day: "2026-05-20", again: 0, hard: 0, good: 0, easy: 1 },
      { day: "2026-06-01", again: 0, hard: 1, good: 0, easy: 0 },
      { day: "2026-06-10", again: 0, hard: 0, good: 1, easy: 0 },
      { day: "2026-06-12", again: 1, hard: 0, good: 0, easy: 0 },
      { day: "2026-06-14", again: 1, hard: 0, good: 0, easy: 0 },
      { day: "2026-06-15", again: 0, hard: 0, good: 1, easy: 0 },
    ]);
  });

  it("forecasts due cards for 30 days, overdue ones on today, retired cards left out", async () => {
    await seedHistory();
    const { forecast } = await getStats(learnerRef(learnerId), now);
    expect(forecast).toHaveLength(30);
    expect(forecast[0]).toEqual({ day: "2026-06-15", learning: 1, review: 1 });
    expect(forecast[1]).toEqual({ day: "2026-06-16", learning: 0, review: 1 });
    expect(forecast.at(-1)!.day).toBe("2026-07-14");
    expect(forecast.slice(2).every((day) => day.learning + day.review === 0)).toBe(true);
  });

  it("gives true retention of review-state cards, young (< 21 days) and mature", async () => {
    await seedHistory();
    const { retention } = await getStats(learnerRef(learnerId), now);
    expect(retention).toEqual({
      young: { reviews: 2, passed: 2, rate: 1 },
      mature: { reviews: 2, passed: 1, rate: 0.5 },
      all: { reviews: 4, passed: 3, rate: 0.75 },
    });
  });

  it("gives each topic's mean retrievability over its studied cards", async () => {
    await seedHistory();
    const { mastery } = await getStats(learnerRef(learnerId), now);
    // FSRS-6 forgetting curve R(t) = (1 + f·t/S)^(−decay), f = 0.9^(−1/decay) − 1, default decay 0.1542.
    // By hand: f = 0.9^(−1/0.1542) − 1 = 0.98046; (1 + 3f)^(−0.1542) = 3.94138^(−0.1542) = 0.80939.
    const decay = 0.1542;
    const factor = Math.pow(0.9, -1 / decay) - 1;
    const threeStabilities = Math.pow(1 + 3 * factor, -decay);
    expect(threeStabilities).toBeCloseTo(0.8094, 4);
    expect(mastery.map((row) => row.topic)).toEqual(["parameters", "backward"]);
    const [parameters, backward] = mastery;
    // parameters: a (R = 1) and d (t = 3S); e is retired
    expect(parameters).toMatchObject({ cards: 2, studied: 2 });
    expect(parameters!.meanRetrievability).toBeCloseTo((1 + threeStabilities) / 2, 6);
    // backward: b (t = S → 0.9) and c (R = 1)
    expect(backward).toMatchObject({ cards: 2, studied: 2 });
    expect(backward!.meanRetrievability).toBeCloseTo(0.95, 6);
  });

  it("gives finished quizzes' scores per topic in time order", async () => {
    await seedHistory();
    const { quizScores } = await getStats(learnerRef(learnerId), now);
    expect(quizScores.map(({ quizId, topic, points, questions, percent }) => ({ quizId, topic, points, questions, percent }))).toEqual([
      { quizId: "early", topic: "parameters", points: 1.5, questions: 2, percent: 75 },
      { quizId: "early", topic: "backward", points: 0, questions: 1, percent: 0 },
      { quizId: "late", topic: "backward", points: 1, questions: 1, percent: 100 },
    ]);
  });

  it("is empty for a new learner", async () => {
    await seedHistory();
    const stats = await getStats(learnerRef("c".repeat(64)), now);
    expect(stats.totalReviews).toBe(0);
    expect(stats.calendar.every((day) => day.reviews === 0)).toBe(true);
    expect(stats.forecast.every((day) => day.learning + day.review === 0)).toBe(true);
    expect(stats.retention.all).toEqual({ reviews: 0, passed: 0, rate: null });
    expect(stats.mastery.every((row) => row.studied === 0 && row.meanRetrievability === null)).toBe(true);
    expect(stats.quizScores).toEqual([]);
  });
});
