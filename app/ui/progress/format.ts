/** A study day ("2026-06-29") as the page's language writes a date: "Jun 29, 2026", "2026年6月29日". */
export function formatDay(day: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${day}T12:00:00Z`));
}

export function percentFormat(locale: string) {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
}

