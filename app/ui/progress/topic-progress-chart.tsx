"use client";

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { progressChartHeight } from "./format";

export type ProgressBar = { name: string; coverage: number; accuracy: number | null; recall: number };
export type ProgressChartLabels = { title: string; coverage: string; accuracy: string; recall: string };

// Colours that read on white and on zinc-950; axis text and grid follow the text colour (currentColor).
const COLORS = { coverage: "#0891b2", accuracy: "#d97706", recall: "#4f46e5" } as const;
const axis = { tick: { fill: "currentColor", fontSize: 12 }, stroke: "currentColor", strokeOpacity: 0.4 } as const;

/** Per topic, three bars in percent: coverage, recent accuracy (none before the first answer), predicted recall. */
export function TopicProgressChart({ topics, labels }: { topics: ProgressBar[]; labels: ProgressChartLabels }) {
  const data = topics.map((row) => ({
    name: row.name,
    coverage: Math.round(row.coverage * 100),
    accuracy: row.accuracy === null ? null : Math.round(row.accuracy * 100),
    recall: Math.round(row.recall * 100),
  }));
  return (
    <BarChart
      data={data}
      layout="vertical"
      responsive
      style={{ width: "100%", height: progressChartHeight(topics.length) }}
      title={labels.title}
      margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
      barGap={1}
    >
      <CartesianGrid horizontal={false} stroke="currentColor" strokeOpacity={0.15} />
      <XAxis type="number" domain={[0, 100]} unit="%" {...axis} />
      <YAxis type="category" dataKey="name" width={120} {...axis} />
      <Tooltip
        contentStyle={{ background: "Canvas", color: "CanvasText", border: "1px solid GrayText", borderRadius: 6 }}
        cursor={{ fill: "currentColor", fillOpacity: 0.08 }}
        formatter={(value) => (value === null ? "—" : `${value}%`)}
      />
      <Legend itemSorter={null} formatter={(value: string) => <span className="text-zinc-700 dark:text-zinc-300">{value}</span>} />
      {(Object.keys(COLORS) as (keyof typeof COLORS)[]).map((key) => (
        <Bar key={key} dataKey={key} name={labels[key]} fill={COLORS[key]} isAnimationActive={false} />
      ))}
    </BarChart>
  );
}
