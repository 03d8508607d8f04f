import type { Language } from "@/lib/i18n";

const LOCALES = { en: "en", zh: "zh-CN" } as const;

/** The calendar date of an instant in a zone, as a day number (days since 1970-01-01 on that wall calendar). */
function calendarDay(instant: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "numeric", day: "numeric" }).formatToParts(instant).map((part) => [part.type, part.value]),
  );
  return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day)) / 86_400_000;
}

/**
 * When a card comes due, said the way a person would, on the learner's wall clock: "in 8 minutes" within the
 * hour, "today 21:30", "tomorrow 09:12", then the date ("Mar 9, 09:12"; in another year with the year).
 */
export function formatDue(due: Date, now: Date, timeZone: string, lang: Language): string {
  const locale = LOCALES[lang];
  const minutes = Math.ceil((due.getTime() - now.getTime()) / 60_000);
  if (minutes < 60) return new Intl.RelativeTimeFormat(locale, { numeric: "always" }).format(Math.max(1, minutes), "minute");
  const time = new Intl.DateTimeFormat(locale, { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(due);
  const days = calendarDay(due, timeZone) - calendarDay(now, timeZone);
  if (days <= 1) {
    return `${new Intl.RelativeTimeFormat(locale, { numeric: "auto" }).format(days, "day")} ${time}`;
  }
  const sameYear = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric" });
  const date = new Intl.DateTimeFormat(locale, {
    timeZone,
    day: "numeric",
    month: "short",
    ...(sameYear.format(due) === sameYear.format(now) ? {} : { year: "numeric" }),
  }).format(due);
  return lang === "zh" ? `${date} ${time}` : `${date}, ${time}`;
}
