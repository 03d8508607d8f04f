export type ProgressBar = { name: string; coverage: number; accuracy: number | null; recall: number };
export type ProgressChartLabels = { title: string; coverage: string; accuracy: string; recall: string };

// Colours that read on white and on zinc-950.
const COLORS = { coverage: "#0891b2", accuracy: "#d97706", recall: "#4f46e5" } as const;
const METRICS = Object.keys(COLORS) as (keyof typeof COLORS)[];
const TICKS = [0, 50, 100];
// A vertical line at every quarter, in the text colour, behind the bars.
const GRID = "repeating-linear-gradient(to right, color-mix(in oklab, currentColor 15%, transparent) 0 1px, transparent 1px 25%)";

/**
 * Per topic, three bars in percent: coverage, recent accuracy (none before the first answer), predicted recall.
 * Bars of plain HTML drawn on the server: they need no chart library in the browser (this chart is on every
 * learner's /stats, new learners' included), follow the screen's width and keep their text sharp. Each bar names
 * itself on hover; the table beside the chart holds the same numbers for screen readers.
 */
export function TopicProgressChart({ topics, labels }: { topics: ProgressBar[]; labels: ProgressChartLabels }) {
  const percent = (value: number | null) => (value === null ? null : Math.round(value * 100));
  return (
    <div role="img" aria-label={labels.title} data-testid="progress-chart" className="space-y-3 text-xs">
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-zinc-700 dark:text-zinc-300">
        {METRICS.map((metric) => (
          <li key={metric} className="flex items-center gap-1.5">
            <span className="inline-block size-2.5 rounded-sm" style={{ background: COLORS[metric] }} />
            {labels[metric]}
          </li>
        ))}
      </ul>
      <div className="grid grid-cols-[minmax(5.5rem,9rem)_1fr] items-center gap-x-3 gap-y-2">
        {topics.map((topic) => (
          <div key={topic.name} className="contents">
            <span className="text-right leading-tight break-words">{topic.name}</span>
            <div className="space-y-0.5 py-0.5" style={{ backgroundImage: GRID }}>
              {METRICS.map((metric) => {
                const value = percent(topic[metric]);
                return (
                  <div
                    key={metric}
                    className="h-2 rounded-r-sm"
                    style={{ width: `${value ?? 0}%`, background: COLORS[metric] }}
                    title={`${topic.name} · ${labels[metric]}: ${value === null ? "—" : `${value}%`}`}
                  />
                );
              })}
            </div>
          </div>
        ))}
        <span />
        <div className="relative h-4 text-zinc-600 tabular-nums dark:text-zinc-400">
          {TICKS.map((tick) => (
            <span key={tick} className="absolute -translate-x-1/2 first:translate-x-0 last:-translate-x-full" style={{ left: `${tick}%` }}>
              {tick}%
            </span>
          ))}
        </div>
      </div>
    </div>
  );
}
