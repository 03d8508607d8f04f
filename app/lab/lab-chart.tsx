"use client";

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { formatPercent, formatValue, type ChartSpec } from "@/lib/experiments";

// Axis text and grid follow the text colour (currentColor), so one chart reads in light and dark mode.
const axis = { tick: { fill: "currentColor", fontSize: 12 }, stroke: "currentColor", strokeOpacity: 0.4 } as const;
const tooltip = {
  contentStyle: { background: "Canvas", color: "CanvasText", border: "1px solid GrayText", borderRadius: 6 },
  cursor: { stroke: "currentColor", strokeOpacity: 0.3 },
} as const;
const margin = { top: 8, right: 16, bottom: 8, left: 0 };
// The legend shares the chart's height: give each series a line of it, so a phone keeps room for the plot.
const size = (series: number) => ({ responsive: true, style: { width: "100%", height: 220 + 20 * series } }) as const;
// Legend text in the page's text colour: series colours are for lines, and too faint for text in dark mode.
const legend = {
  itemSorter: null,
  wrapperStyle: { paddingTop: 12 },
  formatter: (value: string) => <span className="text-zinc-700 dark:text-zinc-300">{value}</span>,
} as const;

/** One chart of the lab: lines over a number axis (linear or log), or bars per category. */
export function LabChart({ spec, title }: { spec: ChartSpec; title: string }) {
  const show = spec.y.percent ? formatPercent : formatValue;
  const yAxis = (
    <YAxis
      {...axis}
      width={56}
      domain={spec.y.percent ? [0, 1] : ["auto", "auto"]}
      tickFormatter={(value: number) => (spec.y.percent ? `${Math.round(value * 100)}%` : formatValue(value))}
      label={spec.y.label ? { value: spec.y.label, angle: -90, position: "insideLeft", fill: "currentColor", fontSize: 12 } : undefined}
    />
  );
  if (spec.kind === "bar") {
    const data = spec.categories.map((category, index) => ({
      category,
      ...Object.fromEntries(spec.series.map((series) => [series.key, series.values[index]])),
    }));
    return (
      <BarChart data={data} {...size(spec.series.length)} title={title} margin={margin}>
        <CartesianGrid vertical={false} stroke="currentColor" strokeOpacity={0.15} />
        <XAxis dataKey="category" {...axis} />
        {yAxis}
        <Tooltip {...tooltip} formatter={(value) => (typeof value === "number" ? show(value) : String(value))} />
        <Legend {...legend} />
        {spec.series.map((series) => (
          <Bar key={series.key} dataKey={series.key} name={series.name} fill={series.color} isAnimationActive={false} />
        ))}
      </BarChart>
    );
  }
  const few = spec.series.every((series) => series.points.length <= 12);
  return (
    <LineChart {...size(spec.series.length)} title={title} margin={margin}>
      <CartesianGrid stroke="currentColor" strokeOpacity={0.15} />
      <XAxis
        type="number"
        dataKey="x"
        {...axis}
        scale={spec.x.log ? "log" : "auto"}
        domain={spec.x.log ? ["dataMin", "dataMax"] : [0, "dataMax"]}
        ticks={spec.x.ticks ?? undefined}
        allowDuplicatedCategory={false}
        tickFormatter={(value: number) => formatValue(value)}
        label={{ value: spec.x.label, position: "insideBottom", offset: -4, fill: "currentColor", fontSize: 12 }}
        height={40}
      />
      {yAxis}
      <Tooltip {...tooltip} labelFormatter={(value) => `${spec.x.label} ${formatValue(Number(value))}`} formatter={(value) => show(Number(value))} />
      <Legend {...legend} />
      {spec.series.map((series) => (
        <Line
          key={series.key}
          data={series.points}
          dataKey="y"
          name={series.name}
          stroke={series.color}
          strokeWidth={2}
          strokeDasharray={series.dashed ? "6 4" : undefined}
          dot={few ? { r: 3 } : false}
          isAnimationActive={false}
        />
      ))}
    </LineChart>
  );
}
