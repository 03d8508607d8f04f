import { createEmptyCard, fsrs, Rating } from "ts-fsrs";
import { describe, expect, it } from "vitest";
import { FALLBACK_TIME_ZONE, nextStudyDayStart, studyDayStart } from "@/lib/calendar";
import { formatInterval } from "./format-interval";
import { applyGrade, GRADES, nextStates, toFsrsCard, toMemoryState } from "./scheduler";

const start = new Date("2026-03-01T09:00:00Z");
const HOUR = 3_600_000;

describe("the scheduler", () => {
  it.each(GRADES)("gives exactly ts-fsrs's next state for rating %i, for a new card and through later reviews", (rating) => {
    const reference = fsrs({ request_retention: 0.9, enable_fuzz: false });
    let theirs = createEmptyCard(start);
    let ours = toMemoryState(createEmptyCard(start));
    // A new card, then reviews 1 hour, 2 days and 12 days later: through learning into review.
    for (const [step, at] of [0, HOUR, 2 * 24 * HOUR, 14 * 24 * HOUR].entries()) {
      const now = new Date(start.getTime() + at);
      theirs = reference.next(theirs, now, step === 0 ? rating : Rating.Good).card;
      ours = applyGrade(step === 0 ? null : ours, step === 0 ? rating : Rating.Good, now, 0.9);
      expect(ours).toEqual(toMemoryState(theirs));
    }
  });

  it("follows the desired retention: a higher target gives a shorter interval", () => {
    const learned = applyGrade(applyGrade(null, Rating.Good, start, 0.9), Rating.Good, new Date(start.getTime() + HOUR), 0.9);
    const later = new Date(start.getTime() + 5 * 24 * HOUR);
    const at = (retention: number) => applyGrade(learned, Rating.Good, later, retention).scheduledDays;
    expect(at(0.97)).toBeLessThan(at(0.9));
    expect(at(0.9)).toBeLessThan(at(0.8));
  });

  it("previews for each grade the same state grading would give", () => {
    const previews = nextStates(null, start, 0.9);
    for (const grade of GRADES) expect(previews[grade]).toEqual(applyGrade(null, grade, start, 0.9));
    // FSRS-6 default learning steps: Again 1 minute, Hard 6 minutes, Good 10 minutes.
    expect(previews[Rating.Again].due.getTime() - start.getTime()).toBe(60_000);
    expect(previews[Rating.Hard].due.getTime() - start.getTime()).toBe(6 * 60_000);
    expect(previews[Rating.Good].due.getTime() - start.getTime()).toBe(10 * 60_000);
    expect(previews[Rating.Easy].scheduledDays).toBeGreaterThanOrEqual(1);
  });

  it("round-trips a memory state through ts-fsrs's card", () => {
    const memory = applyGrade(null, Rating.Hard, start, 0.9);
    expect(toMemoryState(toFsrsCard(memory, start))).toEqual(memory);
  });
});

describe("formatInterval", () => {
  it.each([
    [30_000, "1m"],
    [10 * 60_000, "10m"],
    [3 * HOUR, "3h"],
    [4 * 24 * HOUR, "4d"],
    [63 * 24 * HOUR, "2.1mo"],
    [500 * 24 * HOUR, "1.4y"],
  ])("formats %i ms as %s", (ms, text) => {
    expect(formatInterval(ms, "en")).toBe(text);
  });

  it("speaks Chinese", () => {
    expect(formatInterval(10 * 60_000, "zh")).toBe("10分钟");
    expect(formatInterval(4 * 24 * HOUR, "zh")).toBe("4天");
  });
});

describe("the study day", () => {
  it("starts at 4 a.m. local time, so 1 a.m. still belongs to the day before", () => {
    const lateNight = new Date(2026, 2, 2, 1, 30);
    expect(studyDayStart(lateNight, FALLBACK_TIME_ZONE)).toEqual(new Date(2026, 2, 1, 4, 0));
    expect(nextStudyDayStart(lateNight, FALLBACK_TIME_ZONE)).toEqual(new Date(2026, 2, 2, 4, 0));
    const morning = new Date(2026, 2, 2, 9, 0);
    expect(studyDayStart(morning, FALLBACK_TIME_ZONE)).toEqual(new Date(2026, 2, 2, 4, 0));
  });
});
