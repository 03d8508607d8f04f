import { Surface } from "recharts";
import { format } from "@/lib/i18n";
import type { CalendarDay } from "@/lib/stats/compute";

const STEP = 13;
const SQUARE = 11;
const MARGIN = 20;

const LEVEL_CLASSES = [
  "fill-zinc-200 dark:fill-zinc-800",
  "fill-accent-500/25",
  "fill-accent-500/50",
  "fill-accent-500/75",
  "fill-accent-500",
] as const;

type CalendarLabels = { title: string; cell: string; less: string; more: string };

/**
 * A year of study days as weeks (columns) × weekdays (rows), Sunday on top, as in Anki and GitHub. Drawn on the
 * server on Recharts' own SVG surface: a grid of squares needs none of a chart's scales or JavaScript, so the
 * one chart at the top of the page costs the phone nothing to run. A day with reviews names itself on hover.
 */
export function CalendarHeatmap({ days, labels }: { days: CalendarDay[]; labels: CalendarLabels }) {
  const offset = new Date(`${days[0]!.day}T12:00:00`).getDay();
  const max = Math.max(1, ...days.map((day) => day.reviews));
  const level = (reviews: number) => (reviews === 0 ? 0 : Math.ceil((4 * reviews) / max));
  const cells = days.map((day, index) => ({ ...day, week: Math.floor((index + offset) / 7), weekday: (index + offset) % 7 }));
  const weeks = cells.at(-1)!.week + 1;
  return (
    // Right-to-left scrolling only, so that on a narrow screen the year starts scrolled to its recent end.
    <div dir="rtl" className="overflow-x-auto">
      <div dir="ltr" className="w-max">
        <Surface width={weeks * STEP + 2 * MARGIN} height={7 * STEP + 2 * MARGIN} title={labels.title} role="img">
          {/* One group per shade, and a hover title only on days with reviews: a year is 365 squares. */}
          {LEVEL_CLASSES.map((className, shade) => (
            <g key={className} className={className}>
              {cells
                .filter((cell) => level(cell.reviews) === shade)
                .map((cell) => (
                  <rect key={cell.day} x={MARGIN + cell.week * STEP} y={MARGIN + cell.weekday * STEP} width={SQUARE} height={SQUARE} rx={2}>
                    {cell.reviews > 0 ? <title>{format(labels.cell, { day: cell.day, count: cell.reviews })}</title> : null}
                  </rect>
                ))}
            </g>
          ))}
        </Surface>
        <p className="flex items-center gap-1 text-xs" aria-hidden="true">
          {labels.less}
          {LEVEL_CLASSES.map((className) => (
            <svg key={className} width={SQUARE} height={SQUARE}>
              <rect width={SQUARE} height={SQUARE} rx="2" className={className} />
            </svg>
          ))}
          {labels.more}
        </p>
      </div>
    </div>
  );
}
