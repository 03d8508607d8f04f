import { format, type LabMessages } from "@/lib/i18n";
import type { RunPlan } from "./experiments";
import { isFinished, type RunTrace } from "./progress";
import type { ExperimentId } from "./setup";

/*
 * What the page draws for an experiment: charts described as plain data (series of points, or bars per
 * category) and the table of the same numbers under each one. The page hands them to one generic chart.
 */

export interface Point {
  x: number;
  y: number;
}

export interface LineSeries {
  key: string;
  name: string;
  color: string;
  dashed: boolean;
  points: Point[];
}

export interface LineChartSpec {
  kind: "line";
  x: { label: string; log: boolean; ticks: number[] | null };
  y: { label: string; percent: boolean };
  series: LineSeries[];
}

export interface BarChartSpec {
  kind: "bar";
  y: { label: string; percent: boolean };
  categories: string[];
  series: { key: string; name: string; color: string; values: (number | null)[] }[];
}

export type ChartSpec = LineChartSpec | BarChartSpec;

export interface Table {
  head: string[];
  rows: string[][];
  /** A stable key per row (a run's key, or the row's x value), for tests and React. */
  keys: string[];
}

export interface Panel {
  id: string;
  title: string;
  note: string | null;
  chart: ChartSpec | null;
  table: Table;
}

// Colours that read on white and on zinc-950, as the statistics page's.
const PALETTE = ["#4f46e5", "#dc2626", "#16a34a", "#d97706", "#0891b2", "#c026d3", "#65a30d", "#e11d48", "#0d9488", "#7c3aed"];
const color = (index: number) => PALETTE[index % PALETTE.length]!;

/** Four significant digits, without locale grouping: the same text in both languages and across reloads. */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? "NaN" : value > 0 ? "∞" : "−∞";
  return String(Number(value.toPrecision(4)));
}

export function formatPercent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

export function runLabel(plan: RunPlan, messages: LabMessages): string {
  const { variant } = plan;
  const norm = variant.norm ? messages.norms[variant.norm] : "";
  if (variant.lr !== undefined) return format(messages.runLabels.normLr, { norm, lr: variant.lr });
  if (variant.batch !== undefined) return format(messages.runLabels.normBatch, { norm, batch: variant.batch });
  if (variant.momentum !== undefined) {
    return variant.momentum === null ? messages.runLabels.momentumNone : format(messages.runLabels.momentum, { momentum: variant.momentum });
  }
  if (variant.placement) return messages.placements[variant.placement];
  if (variant.dropout) return messages.dropoutPositions[variant.dropout];
  return norm;
}

/** A run's state in words: its divergence or failure, else training or finished. */
export function runStatus(trace: RunTrace, messages: LabMessages): string {
  const { divergence, failure } = trace;
  if (failure) return format(messages.runs.failed, { message: failure });
  if (divergence) {
    return divergence.cause === "parameter" && divergence.parameter
      ? format(messages.runs.divergedParameter, { step: divergence.step, parameter: divergence.parameter })
      : format(messages.runs.diverged, { step: divergence.step, loss: formatValue(divergence.loss) });
  }
  return isFinished(trace) ? messages.runs.finished : messages.runs.training;
}

function runsPanel(traces: RunTrace[], messages: LabMessages): Panel {
  const m = messages.runs;
  return {
    id: "runs",
    title: m.title,
    note: null,
    chart: null,
    table: {
      head: [m.run, m.steps, m.lastLoss, m.testLoss, m.testAccuracy, m.status],
      rows: traces.map((trace) => [
        runLabel(trace.plan, messages),
        `${trace.steps} / ${trace.plan.totalSteps}`,
        trace.last ? formatValue(trace.last.loss) : "—",
        trace.final ? formatValue(trace.final.loss) : "—",
        trace.final ? formatPercent(trace.final.accuracy) : "—",
        runStatus(trace, messages),
      ]),
      keys: traces.map((trace) => trace.plan.key),
    },
  };
}

/** Rows of x with one column per series (blank where a series has no point there). */
function seriesTable(xLabel: string, series: LineSeries[], show: (y: number) => string, showX: (x: number) => string = formatValue): Table {
  const xs = [...new Set(series.flatMap((line) => line.points.map((point) => point.x)))].sort((a, b) => a - b);
  const lookup = series.map((line) => new Map(line.points.map((point) => [point.x, point.y])));
  return {
    head: [xLabel, ...series.map((line) => line.name)],
    rows: xs.map((x) => [showX(x), ...lookup.map((values) => (values.has(x) ? show(values.get(x)!) : ""))]),
    keys: xs.map(String),
  };
}

function linePanel(
  id: string,
  title: string,
  x: LineChartSpec["x"],
  y: LineChartSpec["y"],
  series: LineSeries[],
  note: string | null = null,
): Panel {
  const show = y.percent ? formatPercent : formatValue;
  return { id, title, note, chart: { kind: "line", x, y, series }, table: seriesTable(x.label, series, show) };
}

function lossCurves(id: string, title: string, traces: RunTrace[], messages: LabMessages, dashed: (trace: RunTrace) => boolean = () => false): Panel {
  const series = traces.map((trace, index) => ({
    key: trace.plan.key,
    name: runLabel(trace.plan, messages),
    color: color(index),
    dashed: dashed(trace),
    points: trace.curve.map((point) => ({ x: point.epoch, y: point.loss })),
  }));
  return linePanel(id, title, { label: messages.charts.epoch, log: false, ticks: null }, { label: messages.charts.loss, percent: false }, series);
}

function accuracyCurves(traces: RunTrace[], messages: LabMessages, withBatchStatistics: boolean): Panel {
  const c = messages.charts;
  const series = traces.flatMap((trace, index) => {
    const name = runLabel(trace.plan, messages);
    const evalMode = {
      key: `${trace.plan.key}-eval`,
      name: withBatchStatistics ? format(c.evalMode, { name }) : name,
      color: color(index),
      dashed: false,
      points: trace.checkpoints.map((point) => ({ x: point.epoch, y: point.accuracy })),
    };
    if (!withBatchStatistics) return [evalMode];
    const trainMode = {
      key: `${trace.plan.key}-train`,
      name: format(c.trainMode, { name }),
      color: color(index),
      dashed: true,
      points: trace.checkpoints.flatMap((point) => (point.batchAccuracy === null ? [] : [{ x: point.epoch, y: point.batchAccuracy }])),
    };
    return [evalMode, trainMode];
  });
  return linePanel("test-accuracy", c.testAccuracy, { label: c.epoch, log: false, ticks: null }, { label: c.accuracy, percent: true }, series);
}

function learningRatePanels(traces: RunTrace[], messages: LabMessages): Panel[] {
  const c = messages.charts;
  const norms = [...new Set(traces.map((trace) => trace.plan.variant.norm!))];
  const lrs = [...new Set(traces.map((trace) => trace.plan.variant.lr!))].sort((a, b) => a - b);
  const byNorm = (metric: "loss" | "accuracy") =>
    norms.map((norm, index) => ({
      key: norm,
      name: messages.norms[norm],
      color: color(index),
      dashed: false,
      points: traces.flatMap((trace) => (trace.plan.variant.norm === norm && trace.final ? [{ x: trace.plan.variant.lr!, y: trace.final[metric] }] : [])),
    }));
  const x = { label: c.learningRate, log: true, ticks: lrs };
  const sweepPanel = (id: string, title: string, metric: "loss" | "accuracy") => {
    const series = byNorm(metric);
    const show = metric === "accuracy" ? formatPercent : formatValue;
    const table: Table = {
      head: [c.learningRate, ...series.map((line) => line.name)],
      rows: lrs.map((lr) => [
        String(lr),
        ...norms.map((norm) => {
          const trace = traces.find((candidate) => candidate.plan.variant.norm === norm && candidate.plan.variant.lr === lr)!;
          return trace.final ? show(trace.final[metric]) : trace.divergence || trace.failure ? runStatus(trace, messages) : "";
        }),
      ]),
      keys: lrs.map(String),
    };
    return { id, title, note: null, chart: { kind: "line" as const, x, y: { label: metric === "loss" ? c.loss : c.accuracy, percent: metric === "accuracy" }, series }, table };
  };
  return [
    sweepPanel("final-loss", c.finalLoss, "loss"),
    sweepPanel("final-accuracy", c.finalAccuracy, "accuracy"),
    ...norms.map((norm) =>
      lossCurves(
        `loss-${norm}`,
        format(c.trainingLossOf, { name: messages.norms[norm] }),
        traces.filter((trace) => trace.plan.variant.norm === norm),
        messages,
      ),
    ),
  ];
}

function activationPanels(traces: RunTrace[], messages: LabMessages): Panel[] {
  const c = messages.charts;
  const percentiles = traces.map((trace) => {
    const name = messages.norms[trace.plan.variant.norm!];
    const series = (["p15", "p50", "p85"] as const).map((field, index) => ({
      key: field,
      name: c[field],
      color: color(index === 1 ? 0 : 3),
      dashed: index !== 1,
      points: trace.probe.map((point) => ({ x: point.epoch, y: point[field] })),
    }));
    return linePanel(`percentiles-${trace.plan.key}`, format(c.percentiles, { name }), { label: c.epoch, log: false, ticks: null }, { label: "", percent: false }, series);
  });
  return [...percentiles, lossCurves("loss", c.trainingLoss, traces, messages)];
}

function smallBatchPanels(traces: RunTrace[], messages: LabMessages): Panel[] {
  const c = messages.charts;
  const batches = [...new Set(traces.map((trace) => trace.plan.variant.batch!))].sort((a, b) => a - b);
  const x = { label: c.batchSize, log: true, ticks: batches };
  const accuracy = (["batch", "group"] as const).map((norm, index) => ({
    key: norm,
    name: messages.norms[norm],
    color: color(index),
    dashed: false,
    points: traces.flatMap((trace) => (trace.plan.variant.norm === norm && trace.final ? [{ x: trace.plan.variant.batch!, y: trace.final.accuracy }] : [])),
  }));
  const noiseOf = (batch: number) => traces.find((trace) => trace.plan.variant.batch === batch && trace.final?.noise)?.final?.noise ?? null;
  const measured = (field: "mean" | "variance") =>
    batches.flatMap((batch) => {
      const noise = noiseOf(batch);
      return noise && noise.samples > 0 ? [{ x: batch, y: noise[field] }] : [];
    });
  // For n independent N(μ, σ²) values the batch mean has standard deviation σ/√n, and the biased batch
  // variance s² has s²/σ² ~ χ²(n−1)/n, so E[(s²/σ² − 1)²] = 2(n−1)/n² + 1/n² = (2n − 1)/n².
  const noise = [
    { key: "mean", name: c.noiseMean, color: color(0), dashed: false, points: measured("mean") },
    { key: "mean-theory", name: c.noiseMeanTheory, color: color(0), dashed: true, points: batches.map((batch) => ({ x: batch, y: 1 / Math.sqrt(batch) })) },
    { key: "variance", name: c.noiseVariance, color: color(1), dashed: false, points: measured("variance") },
    { key: "variance-theory", name: c.noiseVarianceTheory, color: color(1), dashed: true, points: batches.map((batch) => ({ x: batch, y: Math.sqrt(2 * batch - 1) / batch })) },
  ];
  return [
    { ...linePanel("accuracy-by-batch", c.accuracyByBatch, x, { label: c.accuracy, percent: true }, accuracy), table: seriesTable(c.batchSize, accuracy, formatPercent, String) },
    { ...linePanel("noise", c.noise, x, { label: "", percent: false }, noise, c.noiseNote), table: seriesTable(c.batchSize, noise, formatValue, String) },
    lossCurves("loss", c.trainingLoss, traces, messages, (trace) => trace.plan.variant.norm === "group"),
  ];
}

function trainEvalPanels(traces: RunTrace[], messages: LabMessages, batch: number): Panel[] {
  const c = messages.charts;
  const trace = traces.flatMap((run, index) => {
    const name = runLabel(run.plan, messages);
    const points = (field: "batchMean" | "runningMean") => run.probe.flatMap((point) => (point[field] === null ? [] : [{ x: point.epoch, y: point[field] }]));
    return [
      { key: `${run.plan.key}-batch`, name: `${name}: ${c.batchMean}`, color: color(index), dashed: true, points: points("batchMean") },
      { key: `${run.plan.key}-running`, name: `${name}: ${c.runningMean}`, color: color(index), dashed: false, points: points("runningMean") },
    ];
  });
  const modes = [
    { key: "eval", name: c.forgottenEval, value: (final: NonNullable<RunTrace["final"]>) => final.accuracy },
    { key: "mixed", name: format(c.forgottenMixed, { batch }), value: (final: NonNullable<RunTrace["final"]>) => final.forgottenEval?.mixed ?? null },
    { key: "single", name: c.forgottenSingle, value: (final: NonNullable<RunTrace["final"]>) => final.forgottenEval?.single ?? null },
    { key: "by-class", name: c.forgottenByClass, value: (final: NonNullable<RunTrace["final"]>) => final.forgottenEval?.byClass ?? null },
  ];
  const categories = traces.map((run) => runLabel(run.plan, messages));
  const forgotten: Panel = {
    id: "forgotten-eval",
    title: c.forgotten,
    note: c.batchOfOneNote,
    chart: {
      kind: "bar",
      y: { label: c.accuracy, percent: true },
      categories,
      series: modes.map((mode, index) => ({ key: mode.key, name: mode.name, color: color(index), values: traces.map((run) => (run.final ? mode.value(run.final) : null)) })),
    },
    table: {
      head: [messages.runs.run, ...modes.map((mode) => mode.name)],
      rows: traces.map((run, index) => [categories[index]!, ...modes.map((mode) => (run.final ? formatPercent(mode.value(run.final) ?? Number.NaN) : ""))]),
      keys: traces.map((run) => run.plan.key),
    },
  };
  return [
    accuracyCurves(traces, messages, true),
    linePanel("running-trace", c.runningTrace, { label: c.epoch, log: false, ticks: null }, { label: "", percent: false }, trace),
    forgotten,
  ];
}

function placementPanels(traces: RunTrace[], messages: LabMessages): Panel[] {
  return [lossCurves("loss", messages.charts.trainingLoss, traces, messages), accuracyCurves(traces, messages, false)];
}

function dropoutPanels(traces: RunTrace[], messages: LabMessages): Panel[] {
  const c = messages.charts;
  const blocks = [...new Set(traces.flatMap((trace) => trace.final?.varianceShift?.map((shift) => shift.block) ?? []))].sort((a, b) => a - b);
  const categories = blocks.map((block) => format(c.bnLayer, { block }));
  const shiftOf = (trace: RunTrace, block: number) => trace.final?.varianceShift?.find((shift) => shift.block === block)?.ratio ?? null;
  const shift: Panel = {
    id: "variance-shift",
    title: c.varianceShift,
    note: null,
    chart: {
      kind: "bar",
      y: { label: "", percent: false },
      categories,
      series: traces.map((trace, index) => ({ key: trace.plan.key, name: runLabel(trace.plan, messages), color: color(index), values: blocks.map((block) => shiftOf(trace, block)) })),
    },
    table: {
      head: [messages.runs.run, ...categories],
      rows: traces.map((trace) => [runLabel(trace.plan, messages), ...blocks.map((block) => {
        const ratio = shiftOf(trace, block);
        return ratio === null ? "" : formatValue(ratio);
      })]),
      keys: traces.map((trace) => trace.plan.key),
    },
  };
  return [shift, accuracyCurves(traces, messages, false), lossCurves("loss", c.trainingLoss, traces, messages)];
}

/** The charts of an experiment for the runs so far, then the table of runs. */
export function experimentPanels(experiment: ExperimentId, traces: RunTrace[], messages: LabMessages, batch: number): Panel[] {
  const panels =
    experiment === "learning-rate"
      ? learningRatePanels(traces, messages)
      : experiment === "activations"
        ? activationPanels(traces, messages)
        : experiment === "small-batches"
          ? smallBatchPanels(traces, messages)
          : experiment === "train-eval"
            ? trainEvalPanels(traces, messages, batch)
            : experiment === "placement"
              ? placementPanels(traces, messages)
              : dropoutPanels(traces, messages);
  return [...panels, runsPanel(traces, messages)];
}
