import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, dayKey, daysBetween, nextStudyDayStart, startOfDay } from "@/lib/calendar";
import { dueBeforeInterview, interviewPlan, isMustKnow, mustKnowFirst, type InterviewPlan } from "./plan";
import { applyGrade, predictedRecall, Rating, State, type MemoryState } from "./scheduler";

const HOUR = 3_600_000;

describe("interviewPlan", () => {
  const fresh = { today: "2026-06-01", deckSize: 107, unseen: 107, introducedToday: 0, limit: 20 };

  it("spreads 107 new cards over the days that leave time for a second review: 14 days → 9 a day until 3 days before", () => {
    expect(interviewPlan({ ...fresh, interviewDay: "2026-06-15" })).toEqual({
      interviewDay: "2026-06-15",
      daysLeft: 14,
      lastIntroductionDay: "2026-06-12",
      needed: 9,
      newPerDay: 9,
      newToday: 9,
      introducedBy: "2026-06-12",
      late: 0,
    });
  });

  it("counts the cards introduced today in the day's share, so studying them does not raise tomorrow's", () => {
    const later = interviewPlan({ ...fresh, interviewDay: "2026-06-15", unseen: 103, introducedToday: 4 })!;
    expect(later).toMatchObject({ needed: 9, newPerDay: 9, newToday: 5 });
  });

  it("never gives more than the learner's limit, and says how many cards will then come too late", () => {
    // 7 days left: introduce on days 0–4 (5 days) → 22 a day needed; 20 a day leaves 7 cards late.
    expect(interviewPlan({ ...fresh, interviewDay: "2026-06-08" })).toMatchObject({
      daysLeft: 7,
      lastIntroductionDay: "2026-06-05",
      needed: 22,
      newPerDay: 20,
      newToday: 20,
      introducedBy: "2026-06-06",
      late: 7,
    });
  });

  it("on the interview's eve or day, no new card can come back on another day: all are late, the limit still holds", () => {
    expect(interviewPlan({ ...fresh, today: "2026-06-14", interviewDay: "2026-06-15", unseen: 30 })).toMatchObject({
      daysLeft: 1,
      lastIntroductionDay: null,
      needed: 30,
      newPerDay: 20,
      newToday: 20,
      late: 30,
    });
    expect(interviewPlan({ ...fresh, today: "2026-06-15", interviewDay: "2026-06-15", unseen: 0 })).toMatchObject({
      daysLeft: 0,
      newToday: 0,
      introducedBy: null,
      late: 0,
    });
  });

  it("two or three days ahead, today is the one day to introduce cards", () => {
    for (const interviewDay of ["2026-06-03", "2026-06-04"]) {
      expect(interviewPlan({ ...fresh, interviewDay, unseen: 12 })).toMatchObject({ lastIntroductionDay: "2026-06-01", needed: 12, late: 0 });
    }
  });

  it("with a far date still introduces the deck within four weeks", () => {
    expect(interviewPlan({ ...fresh, interviewDay: "2026-11-01" })).toMatchObject({ lastIntroductionDay: "2026-10-29", needed: 4, introducedBy: "2026-06-27" });
  });

  it("is over once the interview day has passed", () => {
    expect(interviewPlan({ ...fresh, today: "2026-06-16", interviewDay: "2026-06-15" })).toBeNull();
  });

  it("followed day by day: every card by the last introduction day (within four weeks), or exactly `late` left; never above the limit", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 2, max: 365 }), fc.integer({ min: 1, max: 500 }), (cards, daysLeft, limit) => {
        const today = "2026-01-10";
        const interviewDay = addDays(today, daysLeft);
        const input = { interviewDay, deckSize: cards, introducedToday: 0, limit };
        const first = interviewPlan({ ...input, today, unseen: cards })!;
        const lastDay = daysBetween(today, first.lastIntroductionDay!);
        let unseen = cards;
        let daysUsed = 0;
        for (let day = 0; day <= lastDay && unseen > 0; day++) {
          const plan = interviewPlan({ ...input, today: addDays(today, day), unseen })!;
          expect(plan.newToday).toBeLessThanOrEqual(limit);
          unseen -= plan.newToday;
          daysUsed = day + 1;
        }
        expect(unseen).toBe(first.late);
        if (first.needed <= limit) {
          expect(unseen).toBe(0);
          expect(daysUsed).toBeLessThanOrEqual(28);
          expect(first.introducedBy).toBe(cards > 0 ? addDays(today, daysUsed - 1) : null);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("dueBeforeInterview", () => {
  const zone = "Europe/Berlin";
  const interviewDate = "2026-06-15";
  const review = (due: Date): MemoryState => ({ due, stability: 20, difficulty: 5, elapsedDays: 0, scheduledDays: 20, learningSteps: 0, reps: 3, lapses: 0, state: State.Review, lastReview: null });
  const now = new Date("2026-06-05T18:00:00Z");

  it("brings a review due on or after the interview day to the start of the day before it", () => {
    for (const due of [startOfDay(interviewDate, zone), new Date("2026-06-25T18:00:00Z")]) {
      const moved = dueBeforeInterview(review(due), now, { interviewDate, timeZone: zone });
      expect(moved.due).toEqual(startOfDay("2026-06-14", zone));
      expect(moved.scheduledDays).toBe(9);
    }
  });

  it("leaves a review due before the interview day, any state without a date, and every review from the eve on", () => {
    const early = review(new Date("2026-06-15T01:00:00Z")); // 03:00 in Berlin: still the study day of the 14th
    expect(dueBeforeInterview(early, now, { interviewDate, timeZone: zone })).toBe(early);
    const late = review(new Date("2026-06-30T12:00:00Z"));
    expect(dueBeforeInterview(late, now, { interviewDate: null, timeZone: zone })).toBe(late);
    expect(dueBeforeInterview(late, startOfDay("2026-06-14", zone), { interviewDate, timeZone: zone })).toBe(late);
  });

  it("goes by each learner's own days: the same instant is the eve in Shanghai but not yet in Los Angeles", () => {
    // 20:00 UTC on 13 June is 04:00 on the 14th in Shanghai (the eve has begun) and 13:00 on the 13th in Los Angeles.
    const instant = new Date("2026-06-13T20:00:00Z");
    const late = review(new Date("2026-06-30T12:00:00Z"));
    expect(dueBeforeInterview(late, instant, { interviewDate, timeZone: "Asia/Shanghai" })).toBe(late);
    const losAngeles = dueBeforeInterview(late, instant, { interviewDate, timeZone: "America/Los_Angeles" });
    expect(losAngeles.due).toEqual(new Date("2026-06-14T11:00:00Z")); // 04:00 PDT on the 14th
    expect(losAngeles.scheduledDays).toBe(1);
  });
});

describe("a plan followed with FSRS, grading every card Good", () => {
  /**
   * One study session a day at 19:00 local: the day's reviews, then the plan's new cards, each taken through
   * its learning steps (the study screen shows a learning card again when it comes due), all graded Good.
   */
  function simulate(timeZone: string, cardCount: number, daysLeft: number, limit = 20) {
    const today = "2026-06-01";
    const interviewDay = addDays(today, daysLeft);
    const bound = { interviewDate: interviewDay, timeZone };
    const cards = Array.from({ length: cardCount }, (_, position) => ({
      id: `card-${position}`,
      position,
      // Core cards: the easy and medium ones of two topics in four, scattered through the deck order.
      tags: position % 4 < 2 && position % 3 < 2 ? ["core"] : [],
    }));
    const memory = new Map<string, MemoryState>();
    const reviewDays = new Map<string, string[]>(cards.map((card) => [card.id, []]));
    const introduced: string[][] = [];
    const plans: InterviewPlan[] = [];
    const grade = (cardId: string, at: Date) => {
      memory.set(cardId, dueBeforeInterview(applyGrade(memory.get(cardId) ?? null, Rating.Good, at, 0.9), at, bound));
      reviewDays.get(cardId)!.push(dayKey(at, timeZone));
    };
    for (let d = 0; d < daysLeft; d++) {
      const day = addDays(today, d);
      let at = new Date(startOfDay(day, timeZone).getTime() + 15 * HOUR);
      const dayEnd = nextStudyDayStart(at, timeZone);
      const unseen = mustKnowFirst(cards.filter((card) => !memory.has(card.id)));
      const plan = interviewPlan({ today: day, interviewDay, deckSize: cardCount, unseen: unseen.length, introducedToday: 0, limit })!;
      plans.push(plan);
      for (const [cardId] of [...memory].filter(([, m]) => m.due < dayEnd).sort(([, a], [, b]) => a.due.getTime() - b.due.getTime())) grade(cardId, at);
      introduced.push(unseen.slice(0, plan.newToday).map((card) => card.id));
      for (const card of unseen.slice(0, plan.newToday)) grade(card.id, at);
      for (;;) {
        const next = [...memory].filter(([, m]) => m.state !== State.Review && m.due < dayEnd).sort(([, a], [, b]) => a.due.getTime() - b.due.getTime())[0];
        if (!next) break;
        at = new Date(Math.max(at.getTime(), next[1].due.getTime()));
        grade(next[0], at);
      }
    }
    return { cards, interviewDay, memory, reviewDays, introduced, plans, timeZone };
  }

  for (const timeZone of ["Asia/Shanghai", "America/Los_Angeles"]) {
    it(`107 cards, 14 days (${timeZone}): each seen on two days or more, last reviewed on the eve, recalled at 95 %+ on the day`, () => {
      const { cards, interviewDay, memory, reviewDays, introduced } = simulate(timeZone, 107, 14);
      const eve = addDays(interviewDay, -1);
      expect(introduced.map((ids) => ids.length)).toEqual([9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 8, 0, 0]);
      for (const card of cards) {
        const days = new Set(reviewDays.get(card.id));
        expect(days.size, card.id).toBeGreaterThanOrEqual(2);
        expect([...days].every((day) => day < interviewDay), card.id).toBe(true);
        expect(reviewDays.get(card.id)!.at(-1), card.id).toBe(eve);
        // After the eve's review nothing is due before the interview.
        expect(memory.get(card.id)!.due.getTime(), card.id).toBeGreaterThanOrEqual(startOfDay(interviewDay, timeZone).getTime());
        expect(predictedRecall(memory.get(card.id)!, startOfDay(interviewDay, timeZone)), card.id).toBeGreaterThan(0.95);
      }
    });
  }

  it("introduces the must-know cards first", () => {
    const { cards, introduced } = simulate("UTC", 40, 10);
    const order = introduced.flat().map((id) => cards.find((card) => card.id === id)!);
    const firstOther = order.findIndex((card) => !isMustKnow(card));
    expect(firstOther).toBe(cards.filter(isMustKnow).length);
    expect(order.slice(firstOther).every((card) => !isMustKnow(card))).toBe(true);
  });

  it("when the limit cannot reach every card, the cards left unseen are not must-know ones", () => {
    const { cards, memory, plans } = simulate("UTC", 60, 5, 8);
    expect(plans[0]!.late).toBe(60 - 8 * 3);
    const unseen = cards.filter((card) => !memory.has(card.id));
    expect(unseen.length).toBeGreaterThan(0);
    expect(unseen.some(isMustKnow)).toBe(false);
    expect(daysBetween("2026-06-01", plans[0]!.lastIntroductionDay!)).toBe(2);
  });
});
