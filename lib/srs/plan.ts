import { addDays, dayKey, daysBetween, startOfDay } from "@/lib/calendar";
import { CORE_TAG } from "@/lib/content/schema";
import type { MemoryState } from "./scheduler";

/*
 * The plan up to an interview date, as pure arithmetic on study days (lib/calendar: a study day starts at
 * 4 a.m. in the learner's zone). New cards are spread so that each is introduced early enough to come back on
 * a later day before the interview; reviews that FSRS would push past the interview are brought forward to the
 * day before it, so every card's last review falls in the last days and the interview sees the recall peak.
 */

/** When time allows, every card is introduced by this many days before the interview, leaving room to review
 * it again, and again after a lapse. */
export const INTRODUCTION_LEAD_DAYS = 3;
/** With a far date, new cards still come at least at the pace that introduces the whole deck in about four
 * weeks: a card first seen months ahead gets more reviews than one first seen in the last week. */
export const INTRODUCTION_HORIZON_DAYS = 28;

export type PlanInput = {
  /** today's study day, "2026-06-15" */
  today: string;
  /** the interview's day */
  interviewDay: string;
  /** active cards in the deck */
  deckSize: number;
  /** active cards the learner has never reviewed */
  unseen: number;
  /** new cards already introduced today (counted in the day's plan) */
  introducedToday: number;
  /** the learner's daily new-card setting: the plan never gives more */
  limit: number;
};

export type InterviewPlan = {
  interviewDay: string;
  /** study days left before the interview day, today included: 0 on the day itself */
  daysLeft: number;
  /** the last day a new card can be introduced and still come back on a later day before the interview */
  lastIntroductionDay: string | null;
  /** new cards a day that would introduce every card by then */
  needed: number;
  /** new cards a day the study queue gives: the need, at most the learner's limit */
  newPerDay: number;
  /** new cards still to introduce today */
  newToday: number;
  /** the day the last unseen card comes, if the learner follows the plan; null when none is left */
  introducedBy: string | null;
  /** cards that, at this pace, will not be introduced in time to be seen on two days before the interview */
  late: number;
};

/** Days from today on which a new card still has a later day before the interview to come back on. */
function introductionDays(daysLeft: number): number {
  // The day before the interview is for reviews; a card introduced on it would be seen on one day only.
  if (daysLeft < 2) return 0;
  return Math.max(1, daysLeft - (INTRODUCTION_LEAD_DAYS - 1));
}

/** New cards a day: enough to introduce every unseen card by the last introduction day, at least the
 * four-week pace. */
function neededPerDay(daysLeft: number, atDayStart: number, deckSize: number): number {
  const days = introductionDays(daysLeft);
  const byDeadline = days > 0 ? Math.ceil(atDayStart / days) : atDayStart;
  return Math.min(atDayStart, Math.max(byDeadline, Math.ceil(deckSize / INTRODUCTION_HORIZON_DAYS)));
}

/** Today's plan; null when the interview day has passed (the default plan applies again). */
export function interviewPlan({ today, interviewDay, deckSize, unseen, introducedToday, limit }: PlanInput): InterviewPlan | null {
  const daysLeft = daysBetween(today, interviewDay);
  if (daysLeft < 0) return null;
  const days = introductionDays(daysLeft);
  // The day is planned from its start, so that the cards introduced today count towards today's share.
  const atDayStart = unseen + introducedToday;
  const needed = neededPerDay(daysLeft, atDayStart, deckSize);
  const newPerDay = Math.min(needed, limit);
  // The plan is worked out afresh each day, so its pace eases as the deadline nears: follow it to its end.
  let introducedBy: string | null = null;
  for (let day = 0, left = atDayStart, pace = newPerDay; left > 0 && pace > 0; day++) {
    left -= Math.min(left, pace);
    if (left === 0) introducedBy = addDays(today, day);
    pace = Math.min(limit, neededPerDay(daysLeft - day - 1, left, deckSize));
  }
  return {
    interviewDay,
    daysLeft,
    lastIntroductionDay: days > 0 ? addDays(today, days - 1) : null,
    needed,
    newPerDay,
    newToday: Math.min(unseen, Math.max(0, newPerDay - introducedToday)),
    introducedBy,
    late: Math.max(0, atDayStart - limit * days),
  };
}

/** The learner's interview, as the scheduler needs it. */
export type InterviewBound = { interviewDate: string | null; timeZone: string };

/**
 * A review FSRS schedules on or after the interview day is brought forward to the start of the day before it
 * (Anki's maximum interval, bounded by the days left), so the last review before the interview falls on its
 * eve. From the eve on nothing is moved: a card reviewed then may rest past the interview.
 */
export function dueBeforeInterview(memory: MemoryState, now: Date, { interviewDate, timeZone }: InterviewBound): MemoryState {
  if (!interviewDate) return memory;
  const eve = addDays(interviewDate, -1);
  const today = dayKey(now, timeZone);
  if (today >= eve || memory.due < startOfDay(interviewDate, timeZone)) return memory;
  return { ...memory, due: startOfDay(eve, timeZone), scheduledDays: daysBetween(today, eve) };
}

/** Must-know cards are the deck's core ones (front matter `priority: core`, stored as the tag "core"). */
export function isMustKnow(card: { tags: readonly string[] }): boolean {
  return card.tags.includes(CORE_TAG);
}

/** New cards in the order a plan introduces them: must-know first, each group in deck order. */
export function mustKnowFirst<T extends { tags: readonly string[]; position: number }>(cards: readonly T[]): T[] {
  return cards.toSorted((a, b) => Number(isMustKnow(b)) - Number(isMustKnow(a)) || a.position - b.position);
}
