"use client";

import { useEffect, useRef } from "react";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from "recharts";
import type { CalendarDay, ForecastDay, QuizTopicScore, RatingsDay } from "@/lib/stats/compute";

// Colours that read on white and on zinc-950; axis text and grid follow the text colour (currentColor).
const GRADE_COLORS = { again: "#dc2626", hard: "#d97706", good: "#16a34a", easy: "#2563eb" } as const;
const LEARNING_COLOR = "#d97706";
const REVIEW_COLOR = "#4f46e5";
const TOPIC_COLORS = ["#4f46e5", "#dc2626", "#16a34a", "#d97706", "#0891b2", "#c026d3", "#65a30d", "#e11d48", "#0d9488", "#7c3aed", "#ca8a04"];

const axis = { tick: { fill: "currentColor", fontSize: 12 }, stroke: "currentColor", strokeOpacity: 0.4 } as const;
const tooltip = {
  contentStyle: { background: "Canvas", color: "CanvasText", border: "1px solid GrayText", borderRadius: 6 },
  cursor: { fill: "currentColor", fillOpacity: 0.08 },
} as const;
const size = (height: number) => ({ responsive: true, style: { width: "100%", height } });

function shortDay(day: string, locale: string) {
  const [year, month, date] = day.split("-").map(Number);
  return new Intl.DateTimeFormat(locale, { month: "numeric", day: "numeric" }).format(new Date(year!, month! - 1, date!));
}

type CalendarLabels = { title: string; cell: string; less: string; more: string };

/** A year of study days as weeks (columns) × weekdays (rows), Sunday on top, as in Anki and GitHub. */
export function CalendarHeatmap({ days, labels }: { days: CalendarDay[]; labels: CalendarLabels }) {
  const first = new Date(`${days[0]!.day}T12:00:00`);
  const offset = first.getDay();
  const max = Math.max(1, ...days.map((day) => day.reviews));
  const cells = days.map((day, index) => ({ ...day, week: Math.floor((index + offset) / 7), weekday: (index + offset) % 7 }));
  const level = (reviews: number) => (reviews === 0 ? 0 : Math.ceil((4 * reviews) / max));
  const weeks = cells.at(-1)!.week + 1;
  const scroller = useRef<HTMLDivElement>(null);
  // On a narrow screen the year scrolls sideways: start at the recent end.
  useEffect(() => {
    if (scroller.current) scroller.current.scrollLeft = scroller.current.scrollWidth;
  }, []);
  return (
    <div ref={scroller} className="overflow-x-auto">
      <ScatterChart
        width={weeks * 13 + 40}
        height={7 * 13 + 40}
        margin={{ top: 8, right: 8, bottom: 8, left: 8 }}
        title={labels.title}
        accessibilityLayer
      >
        <XAxis type="number" dataKey="week" domain={[0, weeks - 1]} hide />
        <YAxis type="number" dataKey="weekday" domain={[0, 6]} reversed hide />
        <ZAxis range={[100, 100]} />
        <Tooltip
          {...tooltip}
          cursor={false}
          content={({ active, payload }) => {
            const cell = active ? (payload?.[0]?.payload as (typeof cells)[number] | undefined) : undefined;
            return cell ? (
              <p className="rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900">
                {labels.cell.replace("{day}", cell.day).replace("{count}", String(cell.reviews))}
              </p>
            ) : null;
          }}
        />
        <Scatter
          data={cells}
          isAnimationActive={false}
          shape={(props: { cx?: number; cy?: number; payload?: { reviews: number } }) => (
            <rect x={(props.cx ?? 0) - 5.5} y={(props.cy ?? 0) - 5.5} width={11} height={11} rx={2} className={LEVEL_CLASSES[level(props.payload?.reviews ?? 0)]} />
          )}
        />
      </ScatterChart>
      <p className="flex items-center gap-1 text-xs" aria-hidden="true">
        {labels.less}
        {LEVEL_CLASSES.map((className) => (
          <svg key={className} width="11" height="11">
            <rect width="11" height="11" rx="2" className={className} />
          </svg>
        ))}
        {labels.more}
      </p>
    </div>
  );
}

const LEVEL_CLASSES = [
  "fill-zinc-200 dark:fill-zinc-800",
  "fill-accent-500/25",
  "fill-accent-500/50",
  "fill-accent-500/75",
  "fill-accent-500",
] as const;

export function RatingsChart({ days, locale, labels }: { days: RatingsDay[]; locale: string; labels: { title: string; grades: Record<keyof typeof GRADE_COLORS, string> } }) {
  return (
    <BarChart data={days} {...size(260)} title={labels.title} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
      <CartesianGrid vertical={false} stroke="currentColor" strokeOpacity={0.15} />
      <XAxis dataKey="day" {...axis} tickFormatter={(day: string) => shortDay(day, locale)} minTickGap={16} />
      <YAxis {...axis} allowDecimals={false} />
      <Tooltip {...tooltip} labelFormatter={(day) => shortDay(String(day), locale)} />
      <Legend itemSorter={null} />
      {(Object.keys(GRADE_COLORS) as (keyof typeof GRADE_COLORS)[]).map((grade) => (
        <Bar key={grade} dataKey={grade} name={labels.grades[grade]} stackId="grades" fill={GRADE_COLORS[grade]} isAnimationActive={false} />
      ))}
    </BarChart>
  );
}

export function ForecastChart({ days, locale, labels }: { days: ForecastDay[]; locale: string; labels: { title: string; learning: string; review: string } }) {
  return (
    <BarChart data={days} {...size(240)} title={labels.title} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
      <CartesianGrid vertical={false} stroke="currentColor" strokeOpacity={0.15} />
      <XAxis dataKey="day" {...axis} tickFormatter={(day: string) => shortDay(day, locale)} minTickGap={16} />
      <YAxis {...axis} allowDecimals={false} />
      <Tooltip {...tooltip} labelFormatter={(day) => shortDay(String(day), locale)} />
      <Legend itemSorter={null} />
      <Bar dataKey="learning" name={labels.learning} stackId="due" fill={LEARNING_COLOR} isAnimationActive={false} />
      <Bar dataKey="review" name={labels.review} stackId="due" fill={REVIEW_COLOR} isAnimationActive={false} />
    </BarChart>
  );
}

export function QuizScoresChart({
  scores,
  topicNames,
  locale,
  labels,
}: {
  scores: QuizTopicScore[];
  topicNames: Record<string, string>;
  locale: string;
  labels: { title: string };
}) {
  const when = new Intl.DateTimeFormat(locale, { month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit" });
  const rows = new Map<string, Record<string, number | string>>();
  for (const score of scores) {
    const row = rows.get(score.quizId) ?? { at: when.format(new Date(score.finishedAt)) };
    row[score.topic] = Math.round(score.percent);
    rows.set(score.quizId, row);
  }
  const topics = [...new Set(scores.map((score) => score.topic))];
  return (
    <LineChart data={[...rows.values()]} {...size(260)} title={labels.title} margin={{ top: 8, right: 16, bottom: 0, left: -16 }}>
      <CartesianGrid stroke="currentColor" strokeOpacity={0.15} />
      <XAxis dataKey="at" {...axis} />
      <YAxis domain={[0, 100]} unit="%" {...axis} />
      <Tooltip {...tooltip} formatter={(value) => `${value}%`} />
      <Legend itemSorter={null} />
      {topics.map((topic, index) => (
        <Line
          key={topic}
          dataKey={topic}
          name={topicNames[topic]}
          stroke={TOPIC_COLORS[index % TOPIC_COLORS.length]}
          strokeWidth={2}
          connectNulls
          isAnimationActive={false}
        />
      ))}
    </LineChart>
  );
}
