import { describe, expect, it } from "vitest";
import { formatDue } from "./format-due";

const now = new Date("2026-03-02T10:00:00Z");
const say = (due: string, timeZone: string) => [formatDue(new Date(due), now, timeZone, "en"), formatDue(new Date(due), now, timeZone, "zh")];

describe("formatDue", () => {
  it("says minutes within the hour, rounding up so a card is never due 'in 0 minutes'", () => {
    expect(say("2026-03-02T10:07:30Z", "Asia/Shanghai")).toEqual(["in 8 minutes", "8分钟后"]);
    expect(say("2026-03-02T10:00:10Z", "UTC")).toEqual(["in 1 minute", "1分钟后"]);
  });

  it("says today or tomorrow with the time on the learner's own clock", () => {
    expect(say("2026-03-02T13:30:00Z", "UTC")).toEqual(["today 13:30", "今天 13:30"]);
    // 01:12 UTC on the 3rd is 09:12 in Shanghai, still "tomorrow" there; in Honolulu it is 15:12 on the 2nd.
    expect(say("2026-03-03T01:12:00Z", "Asia/Shanghai")).toEqual(["tomorrow 09:12", "明天 09:12"]);
    expect(say("2026-03-03T01:12:00Z", "Pacific/Honolulu")).toEqual(["today 15:12", "今天 15:12"]);
  });

  it("gives the date further ahead, with the year only when it differs", () => {
    expect(say("2026-03-09T08:05:00Z", "Europe/Berlin")).toEqual(["Mar 9, 09:05", "3月9日 09:05"]);
    expect(say("2027-01-09T08:05:00Z", "Europe/Berlin")).toEqual(["Jan 9, 2027, 09:05", "2027年1月9日 09:05"]);
  });
});
