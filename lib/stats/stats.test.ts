import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { syncDeck } from "@/lib/content/sync";
import { deckCard, learnerRef } from "@/lib/testing/deck";
import { default_w, forgetting_curve } from "ts-fsrs";
import { encodeMemory } from "@/lib/srs/memory-codec";
import { gradeCard } from "@/lib/srs/review";
import { Rating } from "@/lib/srs/scheduler";
import { DRILL_BELOW, getStats } from "./index";
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

  it("gives each topic's coverage, recent accuracy and predicted recall on the chosen day, unseen cards at 0", async () => {
    await seedHistory();
    const { progress, recallDay } = await getStats(learnerRef(learnerId), now, "2026-06-22");
    expect(recallDay).toEqual({ day: "2026-06-22", today: "2026-06-15", interview: false });
    // Predicted recall at 04:00 on 22 June, on ts-fsrs's own forgetting curve with its default weights.
    const chosen = new Date(2026, 5, 22, 4, 0);
    const recall = (stability: number, lastReview: Date) => forgetting_curve(default_w, (chosen.getTime() - lastReview.getTime()) / DAY, stability);
    const a = recall(2, at(6, 15, 9)), b = recall(4, new Date(now.getTime() - 4 * DAY)), c = recall(5, now), d = recall(40, new Date(now.getTime() - 120 * DAY));
    expect(progress.topics.map((row) => row.topic)).toEqual(["parameters", "backward"]);
    const [parameters, backward] = progress.topics;
    // parameters: a and d seen (e is retired); answers a Good, a Again, d Good, d Good → 3 of 4 Good or Easy
    expect(parameters).toMatchObject({ cards: 2, seen: 2, coverage: 1, answers: 4, accuracy: 0.75 });
    expect(parameters!.recall).toBeCloseTo((a + d) / 2, 10);
    // backward: b Good, b Hard, c Easy, c Again → 2 of 4
    expect(backward).toMatchObject({ cards: 2, seen: 2, coverage: 1, answers: 4, accuracy: 0.5, drill: true });
    expect(backward!.recall).toBeCloseTo((b + c) / 2, 10);
    expect(parameters!.drill).toBe(parameters!.recall < 0.8);
    expect(progress.totals).toMatchObject({ cards: 4, seen: 4, coverage: 1 });
    expect(progress.totals.recall).toBeCloseTo((a + b + c + d) / 4, 10);
  });

  it("counts a topic's cards never seen as 0 recall and its last 20 answers only", async () => {
    await prisma.cardState.create({ data: state("b", { state: 2, due: at(6, 20), stability: 30, lastReview: now }) });
    // 25 answers on backward: the oldest five Again, then twenty Good.
    await prisma.reviewLog.createMany({ data: Array.from({ length: 25 }, (_, n) => log("b", n < 5 ? 1 : 3, 2, new Date(now.getTime() - (25 - n) * 60_000))) });
    const { progress } = await getStats(learnerRef(learnerId), now, "2026-06-22");
    const backward = progress.topics.find((row) => row.topic === "backward")!;
    expect(backward).toMatchObject({ cards: 2, seen: 1, coverage: 0.5, answers: 20, accuracy: 1 });
    const onlyB = forgetting_curve(default_w, (new Date(2026, 5, 22, 4).getTime() - now.getTime()) / DAY, 30);
    expect(onlyB).toBeGreaterThan(0.9);
    expect(backward.recall).toBeCloseTo(onlyB / 2, 10);
    expect(backward.drill).toBe(true);
  });

  it("right after a quiz that scored a topic 0/3, says the topic is not ready", async () => {
    await syncDeck(["rs-a", "rs-b", "rs-c"].map((id, position) => ({ ...deckCard(id, { front: { topic: "running-stats" } }), position })));
    for (const cardId of ["rs-a", "rs-b", "rs-c"]) await gradeCard({ learner: learnerRef(learnerId), cardId, rating: Rating.Again, durationMs: 0, now });
    const { progress } = await getStats(learnerRef(learnerId), now);
    const runningStats = progress.topics.find((row) => row.topic === "running-stats")!;
    expect(runningStats).toMatchObject({ cards: 3, seen: 3, coverage: 1, answers: 3, accuracy: 0, drill: true });
    // A week ahead (the default day), three cards failed today are far from recalled: below the drill threshold.
    expect(runningStats.recall).toBeLessThan(0.6);
    expect(runningStats.recall).toBeLessThan(DRILL_BELOW.recall);
  });

  it("shows recall on the interview's day while it is to come; a day asked for must be tomorrow to a year ahead", async () => {
    await prisma.learner.update({ where: { id: learnerId }, data: { interviewDate: "2026-06-29" } });
    expect((await getStats(learnerRef(learnerId), now)).recallDay).toEqual({ day: "2026-06-29", today: "2026-06-15", interview: true });
    expect((await getStats(learnerRef(learnerId), now, "2026-06-20")).recallDay).toMatchObject({ day: "2026-06-20", interview: false });
    for (const refused of ["2026-06-15", "2026-06-14", "2027-06-16", "2026-02-30", "soon"]) {
      expect((await getStats(learnerRef(learnerId), now, refused)).recallDay, refused).toMatchObject({ day: "2026-06-29", refused: true });
    }
    await prisma.learner.update({ where: { id: learnerId }, data: { interviewDate: "2026-06-01" } });
    expect((await getStats(learnerRef(learnerId), now)).recallDay).toMatchObject({ day: "2026-06-22", interview: false });
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
    expect(stats.progress.topics.every((row) => row.seen === 0 && row.accuracy === null && row.recall === 0 && row.drill)).toBe(true);
    expect(stats.quizScores).toEqual([]);
  });
});
