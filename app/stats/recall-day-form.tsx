import type { Messages } from "@/lib/i18n";

/** The day predicted recall is shown for: a plain GET form, so it works before any script and keeps the link. */
export function RecallDayForm({ day, min, max, refused, labels }: { day: string; min: string; max: string; refused: string | null; labels: Messages["plan"]["progress"] }) {
  return (
    <form method="get" action="/stats#progress" noValidate className="flex flex-wrap items-end gap-2">
      <div className="grid gap-1">
        <label htmlFor="recall-day" className="text-sm font-medium">
          {labels.dayLabel}
        </label>
        <input
          id="recall-day"
          name="day"
          type="date"
          required
          defaultValue={day}
          aria-invalid={refused ? true : undefined}
          aria-describedby={refused ? "recall-day-error" : undefined}
          min={min}
          max={max}
          className="rounded-md border border-zinc-300 bg-white px-3 py-1.5 dark:border-zinc-700 dark:bg-zinc-900"
        />
      </div>
      <button type="submit" className="rounded-md border border-accent-600 px-3 py-1.5 font-medium text-accent-700 hover:bg-accent-50 dark:text-accent-300 dark:hover:bg-zinc-900">
        {labels.show}
      </button>
      {refused && (
        <p id="recall-day-error" className="basis-full text-sm text-red-700 dark:text-red-400">
          {refused}
        </p>
      )}
    </form>
  );
}
