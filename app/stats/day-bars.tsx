import { Surface } from "recharts";

export type DaySeries<K extends string> = { key: K; label: string; color: string };
type Labels = { title: string };

const HEIGHT = 180;
const X_LABELS = 5;

// Colours that read on white and on zinc-950.
export const GRADE_COLORS = { again: "#dc2626", hard: "#d97706", good: "#16a34a", easy: "#2563eb" } as const;
export const LEARNING_COLOR = "#d97706";
export const REVIEW_COLOR = "#4f46e5";

/** "6/29" for "2026-06-29", in the page's language. */
function shortDays(locale: string) {
  const dayFormat = new Intl.DateTimeFormat(locale, { month: "numeric", day: "numeric" });
  return (day: string) => {
    const [year, month, date] = day.split("-").map(Number);
    return dayFormat.format(new Date(year!, month! - 1, date!));
  };
}

/** The smallest 1, 2 or 5 × 10ⁿ at or above `value`: an axis that ends on a round count. */
function roundUp(value: number) {
  const power = 10 ** Math.floor(Math.log10(Math.max(1, value)));
  return [1, 2, 5, 10].map((step) => step * power).find((top) => top >= value)!;
}

/**
 * Counts per day as stacked bars (ratings given, cards coming due). Drawn on the server on Recharts' SVG surface,
 * one column per day: a stack of rectangles needs none of a chart's JavaScript, so these charts, near the top of
 * /stats, cost a phone nothing to run. Each day names its counts on hover; the table under the chart holds the
 * same numbers for screen readers and the keyboard.
 */
export function DayBars<K extends string>({
  days,
  series,
  locale,
  labels,
}: {
  days: ({ day: string } & Record<K, number>)[];
  series: DaySeries<K>[];
  locale: string;
  labels: Labels;
}) {
  const top = roundUp(Math.max(1, ...days.map((day) => series.reduce((sum, { key }) => sum + day[key], 0))));
  const ticks = top % 2 === 0 ? [0, top / 2, top] : [0, top];
  const every = Math.max(1, Math.ceil(days.length / X_LABELS));
  const y = (count: number) => HEIGHT - (count / top) * HEIGHT;
  const shortDay = shortDays(locale);
  return (
    <div className="space-y-2 text-xs">
      <div className="grid grid-cols-[auto_1fr] gap-x-2">
        <div className="relative w-6 tabular-nums" style={{ height: HEIGHT }} aria-hidden="true">
          {ticks.map((tick) => (
            <span key={tick} className="absolute right-0 -translate-y-1/2" style={{ top: y(tick) }}>
              {tick}
            </span>
          ))}
        </div>
        <Surface width="100%" height={HEIGHT} viewBox={{ x: 0, y: 0, width: days.length, height: HEIGHT }} title={labels.title} role="img" preserveAspectRatio="none">
          {ticks.map((tick) => (
            <line key={tick} x1={0} x2={days.length} y1={y(tick)} y2={y(tick)} stroke="currentColor" strokeOpacity={0.15} vectorEffect="non-scaling-stroke" />
          ))}
          {days.map((day, index) => {
            let base = 0;
            return (
              <g key={day.day}>
                <title>{`${shortDay(day.day)}: ${series.map(({ key, label }) => `${label} ${day[key]}`).join(", ")}`}</title>
                {/* the whole column answers hover, not only its coloured part */}
                <rect x={index} y={0} width={1} height={HEIGHT} fill="transparent" />
                {series.map(({ key, color }) => {
                  const count = day[key];
                  base += count;
                  return count > 0 ? <rect key={key} x={index + 0.12} width={0.76} y={y(base)} height={(count / top) * HEIGHT} fill={color} /> : null;
                })}
              </g>
            );
          })}
        </Surface>
        <span />
        <div className="relative h-4 tabular-nums" aria-hidden="true">
          {days.map((day, index) =>
            index % every === 0 ? (
              <span key={day.day} className={`absolute whitespace-nowrap ${index === 0 ? "" : "-translate-x-1/2"}`} style={{ left: index === 0 ? 0 : `${((index + 0.5) / days.length) * 100}%` }}>
                {shortDay(day.day)}
              </span>
            ) : null,
          )}
        </div>
      </div>
      <ul className="flex flex-wrap justify-center gap-x-4 gap-y-1 text-zinc-700 dark:text-zinc-300" aria-hidden="true">
        {series.map(({ key, label, color }) => (
          <li key={key} className="flex items-center gap-1.5">
            <span className="inline-block size-2.5 rounded-sm" style={{ background: color }} />
            {label}
          </li>
        ))}
      </ul>
    </div>
  );
}
