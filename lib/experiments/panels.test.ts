import { describe, expect, it } from "vitest";
import { MESSAGES } from "@/lib/i18n";
import { experimentDefaults, experimentRuns } from "./experiments";
import { experimentPanels, formatPercent, formatValue, type LineChartSpec, type Panel } from "./panels";
import { applyDeltas, emptyTraces, type RunTrace } from "./progress";
import { createSession } from "./session";
import { EXPERIMENT_IDS, type LabSetup } from "./setup";
import { FIELD_ERROR_CODES } from "./url-state";

function train(setup: LabSetup): RunTrace[] {
  const plans = experimentRuns(setup);
  const session = createSession(plans);
  while (session.tick());
  return applyDeltas(emptyTraces(plans), session.flush());
}

const panel = (panels: Panel[], id: string) => panels.find((candidate) => candidate.id === id)!;

describe("experiment panels", () => {
  it("draw the learning-rate sweep; a diverged run has no point and says where it diverged", () => {
    const setup = { ...experimentDefaults("learning-rate"), architecture: "deep-mlp" as const, lrs: [0.1, 10], epochs: 1 };
    const panels = experimentPanels("learning-rate", train(setup), MESSAGES.en.lab, setup.batch);
    expect(panels.map((candidate) => candidate.id)).toEqual(["final-loss", "final-accuracy", "loss-batch", "loss-none", "runs"]);
    const loss = panel(panels, "final-loss");
    const chart = loss.chart as LineChartSpec;
    expect(chart.x).toEqual({ label: "Learning rate", log: true, ticks: [0.1, 10] });
    expect(chart.series.map((line) => [line.name, line.points.map((point) => point.x)])).toEqual([
      ["BatchNorm", [0.1, 10]],
      ["None", [0.1]],
    ]);
    expect(loss.table.head).toEqual(["Learning rate", "BatchNorm", "None"]);
    expect(loss.table.rows[1]![2]).toMatch(/^Diverged at step \d+: /);
    const runs = panel(panels, "runs").table;
    expect(runs.keys).toEqual(["batch-lr0.1", "batch-lr10", "none-lr0.1", "none-lr10"]);
    expect(runs.rows[0]).toEqual(["BatchNorm, lr 0.1", "31 / 31", expect.any(String), expect.any(String), expect.stringMatching(/%$/), "finished"]);
  });

  it("show every experiment's charts in both languages, each with a table of its numbers", () => {
    for (const experiment of EXPERIMENT_IDS) {
      const setup = { ...experimentDefaults(experiment), epochs: 1, batches: [4, 32] };
      const traces = train(setup);
      for (const lang of ["en", "zh"] as const) {
        const panels = experimentPanels(experiment, traces, MESSAGES[lang].lab, setup.batch);
        for (const { id, title, chart, table } of panels) {
          expect(title, `${experiment} ${id}`).not.toBe("");
          expect(table.rows.length, `${experiment} ${id}`).toBeGreaterThan(0);
          expect(table.rows.every((row) => row.length === table.head.length), `${experiment} ${id}`).toBe(true);
          if (chart?.kind === "line") expect(chart.series.some((line) => line.points.length > 0), `${experiment} ${id}`).toBe(true);
        }
        expect(panels.filter((candidate) => candidate.chart).length, experiment).toBeGreaterThanOrEqual(2);
      }
    }
  });

  it("set the measured batch-statistics noise beside its theory for independent Gaussian values", () => {
    const setup = { ...experimentDefaults("small-batches"), batches: [2, 32], epochs: 2 };
    const noise = panel(experimentPanels("small-batches", train(setup), MESSAGES.en.lab, 32), "noise").table;
    expect(noise.head).toEqual(["Batch size", "mean: measured", "mean: 1/√B", "variance: measured", "variance: √(2B−1)/B"]);
    expect(noise.rows.map((row) => [row[0], row[2], row[4]])).toEqual([
      ["2", "0.7071", "0.866"],
      ["32", "0.1768", "0.248"],
    ]);
  });

  it("format numbers the same way in every language", () => {
    expect([formatValue(0.123456), formatValue(1234.5), formatValue(Number.NaN), formatValue(Infinity)]).toEqual(["0.1235", "1235", "NaN", "∞"]);
    expect(formatPercent(0.9465)).toBe("94.7%");
  });
});

describe("lab messages", () => {
  it("name every experiment and explain every setting error in both languages", () => {
    for (const lang of ["en", "zh"] as const) {
      const lab = MESSAGES[lang].lab;
      for (const experiment of EXPERIMENT_IDS) {
        const { name, question, lookFor, meaning } = lab.experiments[experiment];
        expect([name, question, lookFor, meaning].every((text) => text.trim().length > 0), `${lang} ${experiment}`).toBe(true);
      }
      for (const code of FIELD_ERROR_CODES) expect(lab.errors[code], `${lang} ${code}`).toBeTruthy();
    }
  });
});
