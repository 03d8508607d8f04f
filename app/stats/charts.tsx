"use client";

import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import type { QuizTopicScore } from "@/lib/stats/compute";

// Colours that read on white and on zinc-950; axis text and grid follow the text colour (currentColor).
const TOPIC_COLORS = ["#4f46e5", "#dc2626", "#16a34a", "#d97706", "#0891b2", "#c026d3", "#65a30d", "#e11d48", "#0d9488", "#7c3aed", "#ca8a04"];

const axis = { tick: { fill: "currentColor", fontSize: 12 }, stroke: "currentColor", strokeOpacity: 0.4 } as const;
const tooltip = {
  contentStyle: { background: "Canvas", color: "CanvasText", border: "1px solid GrayText", borderRadius: 6 },
  cursor: { fill: "currentColor", fillOpacity: 0.08 },
} as const;
const size = (height: number) => ({ responsive: true, style: { width: "100%", height } });


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
