import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, dayKey, daysBetween, isDayKey, isTimeZone, nextStudyDayStart, startOfDay, studyDayStart, studyDays } from "./study-day";

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

describe("day keys", () => {
  it("are real calendar dates", () => {
    for (const key of ["2026-06-15", "2028-02-29", "2026-12-31"]) expect(isDayKey(key), key).toBe(true);
    for (const key of ["2026-02-30", "2027-02-29", "2026-13-01", "2026-6-15", "15/06/2026", "", null, 20260615]) expect(isDayKey(key), String(key)).toBe(false);
  });

  it("add and count calendar days across months, years and clock changes", () => {
    expect(addDays("2026-02-27", 2)).toBe("2026-03-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2); // Europe's clock change falls between
    fc.assert(
      fc.property(fc.date({ min: new Date("2000-01-01"), max: new Date("2040-01-01"), noInvalidDate: true }), fc.integer({ min: -800, max: 800 }), (date, days) => {
        const key = date.toISOString().slice(0, 10);
        expect(daysBetween(key, addDays(key, days))).toBe(days);
        expect(isDayKey(addDays(key, days))).toBe(true);
      }),
    );
  });
});
