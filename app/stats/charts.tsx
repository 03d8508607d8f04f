"use client";

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import type { ForecastDay, QuizTopicScore, RatingsDay } from "@/lib/stats/compute";

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
