import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dayKey, isTimeZone, nextStudyDayStart, startOfDay, studyDayStart, studyDays } from "./study-day";

const ZONES = ["UTC", "Pacific/Honolulu", "Asia/Tokyo", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu"];

describe("the study day", () => {
  it("rolls over at each learner's own 4 a.m.: UTC−10 at 14:00 UTC, UTC+9 at 19:00 UTC the day before", () => {
    const honolulu = "Pacific/Honolulu";
    const tokyo = "Asia/Tokyo";
    expect(dayKey(new Date("2026-06-15T13:59:59Z"), honolulu)).toBe("2026-06-14");
    expect(dayKey(new Date("2026-06-15T14:00:00Z"), honolulu)).toBe("2026-06-15");
    expect(studyDayStart(new Date("2026-06-15T20:00:00Z"), honolulu)).toEqual(new Date("2026-06-15T14:00:00Z"));
    expect(dayKey(new Date("2026-06-14T18:59:59Z"), tokyo)).toBe("2026-06-14");
    expect(dayKey(new Date("2026-06-14T19:00:00Z"), tokyo)).toBe("2026-06-15");
    expect(nextStudyDayStart(new Date("2026-06-15T03:00:00Z"), tokyo)).toEqual(new Date("2026-06-15T19:00:00Z"));
  });

  it("keeps 4 a.m. local across a clock change (Berlin, 29 March 2026: 02:00 → 03:00)", () => {
    expect(startOfDay("2026-03-28", "Europe/Berlin")).toEqual(new Date("2026-03-28T03:00:00Z"));
    expect(startOfDay("2026-03-29", "Europe/Berlin")).toEqual(new Date("2026-03-29T02:00:00Z"));
    expect(startOfDay("2026-10-25", "Europe/Berlin")).toEqual(new Date("2026-10-25T03:00:00Z"));
  });

  it("contains the moment it was asked about, starts at 4:00 on the wall clock, and lasts about a day", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("2000-01-01"), max: new Date("2040-01-01"), noInvalidDate: true }), fc.constantFrom(...ZONES), (now, zone) => {
        const start = studyDayStart(now, zone);
        const next = nextStudyDayStart(now, zone);
        expect(start.getTime()).toBeLessThanOrEqual(now.getTime());
        expect(next.getTime()).toBeGreaterThan(now.getTime());
        expect(dayKey(start, zone)).toBe(dayKey(now, zone));
        const hours = (next.getTime() - start.getTime()) / 3_600_000;
        expect(hours).toBeGreaterThanOrEqual(22.5);
        expect(hours).toBeLessThanOrEqual(25);
        const wall = new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(start);
        expect(wall).toBe("04:00");
      }),
      { numRuns: 300 },
    );
  });

  it("lists the last days oldest first and the next days from today", () => {
    const now = new Date("2026-03-01T12:00:00Z");
    expect(studyDays(now, 3, "past", "UTC")).toEqual(["2026-02-27", "2026-02-28", "2026-03-01"]);
    expect(studyDays(now, 2, "future", "UTC")).toEqual(["2026-03-01", "2026-03-02"]);
  });

  it("knows IANA zone names and refuses anything else", () => {
    for (const zone of ZONES) expect(isTimeZone(zone)).toBe(true);
    for (const bad of ["Mars/Olympus", "", "UTC; drop table", "../etc", 42, null]) expect(isTimeZone(bad)).toBe(false);
  });
});
