/**
 * A study day starts at 4 a.m. in the learner's own time zone, as in Anki, so a late-night session counts as
 * the same day. Due counts, the daily new-card limit, "reviews today" and the statistics all go by it.
 */
export const DAY_STARTS_AT_HOUR = 4;

/** The zone of a learner whose browser has not said yet: the server's own (UTC on most hosts). */
export const FALLBACK_TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formats.set(timeZone, format);
  }
  return format;
}

/** True for an IANA zone name this runtime knows, such as "Europe/Berlin" or "Pacific/Honolulu". */
export function isTimeZone(value: unknown): value is string {
  if (typeof value !== "string" || value.length > 64 || !/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(value)) return false;
  try {
    formatFor(value);
    return true;
  } catch {
    return false;
  }
}

type Wall = { year: number; month: number; day: number; hour: number; minute: number; second: number };

/** The wall clock in `timeZone` at an instant. */
function wallClock(instant: Date, timeZone: string): Wall {
  const parts = Object.fromEntries(formatFor(timeZone).formatToParts(instant).map((part) => [part.type, part.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
function offsetAt(instant: Date, timeZone: string): number {
  const wall = wallClock(instant, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant a wall-clock time happens in a zone (the later reading, when a clock change repeats it). */
function instantOf(year: number, month: number, day: number, hour: number, timeZone: string): Date {
  const guess = Date.UTC(year, month - 1, day, hour);
  const first = guess - offsetAt(new Date(guess), timeZone);
  return new Date(guess - offsetAt(new Date(first), timeZone));
}

/** The study day an instant falls in, as its calendar date in the zone: "2026-06-15". */
export function dayKey(moment: Date, timeZone: string): string {
  const wall = wallClock(moment, timeZone);
  const before = wall.hour < DAY_STARTS_AT_HOUR ? 1 : 0;
  return new Date(Date.UTC(wall.year, wall.month - 1, wall.day - before)).toISOString().slice(0, 10);
}

/** When the study day `key` ("2026-06-15") begins in the zone, shifted by `days`. */
export function startOfDay(key: string, timeZone: string, days = 0): Date {
  const [year, month, day] = key.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day + days));
  return instantOf(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), DAY_STARTS_AT_HOUR, timeZone);
}

export function studyDayStart(now: Date, timeZone: string): Date {
  return startOfDay(dayKey(now, timeZone), timeZone);
}

export function nextStudyDayStart(now: Date, timeZone: string): Date {
  return startOfDay(dayKey(now, timeZone), timeZone, 1);
}

/** The study days from `count - 1` days before today up to today (or forward from today), oldest first. */
export function studyDays(now: Date, count: number, direction: "past" | "future", timeZone: string): string[] {
  const today = dayKey(now, timeZone);
  const [year, month, day] = today.split("-").map(Number) as [number, number, number];
  return Array.from({ length: count }, (_, index) => {
    const date = new Date(Date.UTC(year, month - 1, day + (direction === "past" ? index - count + 1 : index)));
    return date.toISOString().slice(0, 10);
  });
}

/** True for a real calendar date written as a day key, "2026-06-15" (not "2026-02-30"). */
export function isDayKey(value: unknown): value is string {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [year, month, day] = value.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10) === value;
}

/** The day key `days` calendar days after `key` (before, when negative). */
export function addDays(key: string, days: number): string {
  const [year, month, day] = key.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** Calendar days from one day key to another: 1 from "2026-06-15" to "2026-06-16", negative backwards. */
export function daysBetween(from: string, to: string): number {
  const utc = (key: string) => {
    const [year, month, day] = key.split("-").map(Number) as [number, number, number];
    return Date.UTC(year, month - 1, day);
  };
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}
