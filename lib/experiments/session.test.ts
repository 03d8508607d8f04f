import { describe, expect, it } from "vitest";
import { checkSetup } from "./check";
import { experimentDefaults, experimentRuns } from "./experiments";
import { applyDeltas, emptyTraces, isFinished, type RunTrace } from "./progress";
import { createSession, CURVE_POINTS } from "./session";
import { ARCHITECTURES, DATASETS, EXPERIMENT_IDS, type LabSetup } from "./setup";

/** Trains a setup to the end, collecting the reports every `flushEvery` ticks as the worker would. */
function train(setup: LabSetup, flushEvery = 10): RunTrace[] {
  const plans = experimentRuns(setup);
  const session = createSession(plans);
  let traces = emptyTraces(plans);
  for (let tick = 1; session.tick(); tick++) {
    if (tick % flushEvery === 0) traces = applyDeltas(traces, session.flush());
  }
  return applyDeltas(traces, session.flush());
}

describe("experiments", () => {
  it("compare the runs each one is about, at sizes that train in seconds", () => {
    const summary = Object.fromEntries(
      EXPERIMENT_IDS.map((id) => {
        const runs = experimentRuns(experimentDefaults(id));
        return [id, { runs: runs.map((run) => run.key), steps: runs.reduce((sum, run) => sum + run.totalSteps, 0) }];
      }),
    );
    expect(summary).toEqual({
      "learning-rate": {
        runs: ["batch-lr0.01", "batch-lr0.03", "batch-lr0.1", "batch-lr0.3", "batch-lr1", "batch-lr3", "none-lr0.01", "none-lr0.03", "none-lr0.1", "none-lr0.3", "none-lr1", "none-lr3"],
        steps: 12 * 31 * 5,
      },
      activations: { runs: ["batch", "none"], steps: 2 * 31 * 5 },
      "small-batches": { runs: ["batch-b2", "group-b2", "batch-b4", "group-b4", "batch-b8", "group-b8", "batch-b32", "group-b32"], steps: 2 * (500 + 250 + 125 + 31) * 3 },
      "train-eval": { runs: ["m0.1", "m0.01"], steps: 2 * 31 * 5 },
      placement: { runs: ["before-relu", "after-relu"], steps: 2 * 31 * 10 },
      dropout: { runs: ["none", "before-norm", "before-head"], steps: 3 * 31 * 10 },
    });
  });

  it("scale the small-batch learning rate linearly from batch 32, and fix BatchNorm where the experiment is about it", () => {
    const small = experimentRuns({ ...experimentDefaults("small-batches"), lr: 0.2 });
    expect(small.map((run) => run.settings.optimizer?.lr)).toEqual([0.0125, 0.0125, 0.025, 0.025, 0.05, 0.05, 0.2, 0.2]);
    const dropout = experimentRuns({ ...experimentDefaults("dropout"), norm: "layer" });
    expect(dropout.map((run) => run.settings.model)).toEqual([
      expect.objectContaining({ norm: "batch", dropout: null }),
      expect.objectContaining({ norm: "batch", dropout: { rate: 0.5, position: "before-norm" } }),
      expect.objectContaining({ norm: "batch", dropout: { rate: 0.5, position: "before-head" } }),
    ]);
    const activations = experimentRuns({ ...experimentDefaults("activations"), architecture: "deep-mlp" });
    expect(activations[0]!.settings.probe).toEqual({ block: 8, unit: 0, point: "pre-activation" });
  });

  it("every experiment runs on every data set and architecture that fit together", () => {
    for (const experiment of EXPERIMENT_IDS) {
      for (const dataset of DATASETS) {
        for (const architecture of ARCHITECTURES) {
          if (architecture === "conv" && (dataset !== "bars" || experiment === "dropout")) continue;
          const setup = { ...experimentDefaults(experiment), dataset, architecture };
          expect(checkSetup(setup), `${experiment} ${dataset} ${architecture}`).toEqual([]);
        }
      }
    }
  });
});

describe("a session", () => {
  it("trains every run to the end, the same numbers every time, whatever the flushes", () => {
    const setup = { ...experimentDefaults("placement"), epochs: 2 };
    const first = train(setup, 7);
    const second = train(setup, 1000);
    expect(second).toEqual(first);
    for (const trace of first) {
      expect(trace.steps).toBe(62);
      expect(trace.curve.at(-1)).toMatchObject({ step: 62, epoch: 2 });
      expect(trace.curve.length).toBeLessThanOrEqual(CURVE_POINTS);
      // One evaluation before training and ten during it, the last at the end.
      expect(trace.checkpoints.map((point) => point.step)).toEqual([0, 6, 12, 19, 25, 31, 37, 43, 50, 56, 62]);
      expect(trace.final?.loss).toBe(trace.checkpoints.at(-1)!.loss);
      expect(trace.final!.accuracy).toBeGreaterThan(0.6);
    }
  });

  it("steps each run once on request", () => {
    const plans = experimentRuns(experimentDefaults("small-batches"));
    const session = createSession(plans);
    session.stepEach();
    session.stepEach();
    const deltas = session.flush();
    expect(deltas.map((delta) => [delta.key, delta.steps, delta.last?.step])).toEqual(plans.map((plan) => [plan.key, 2, 2]));
  });

  it("finishes runs of different lengths together: ticks go to the run furthest behind", () => {
    const plans = experimentRuns({ ...experimentDefaults("small-batches"), batches: [2, 32], epochs: 1 });
    const session = createSession(plans);
    for (let i = 0; i < 531; i++) session.tick();
    // 531 of 2·(500 + 31) steps: half of each run, give or take the step in progress.
    for (const delta of session.flush()) {
      const total = plans.find((plan) => plan.key === delta.key)!.totalSteps;
      expect(Math.abs(delta.steps - total / 2), delta.key).toBeLessThanOrEqual(1);
    }
  });

  it("stops a diverging run at the step where it happened and says why; the others go on", () => {
    const traces = train({ ...experimentDefaults("learning-rate"), architecture: "deep-mlp", lrs: [0.1, 10], epochs: 1 });
    const diverged = traces.filter((trace) => trace.divergence);
    expect(diverged.map((trace) => trace.plan.key)).toEqual(["none-lr10"]);
    const { divergence, steps, final } = diverged[0]!;
    expect(divergence).toMatchObject({ step: steps + 1, epoch: 0 });
    expect(divergence!.cause === "parameter" || !Number.isFinite(divergence!.loss)).toBe(true);
    expect(final).toBeNull();
    expect(traces.every(isFinished)).toBe(true);
    expect(traces.filter((trace) => trace.final).length).toBe(3);
  });

  it("measures the noise of the batch mean: about 1/√B in units of the running standard deviation", () => {
    const traces = train({ ...experimentDefaults("small-batches"), batches: [2, 32], epochs: 2 });
    const noise = Object.fromEntries(traces.filter((trace) => trace.final?.noise).map((trace) => [trace.plan.variant.batch, trace.final!.noise!]));
    expect(noise[2]!.mean).toBeGreaterThan(0.5);
    expect(noise[2]!.mean).toBeLessThan(1);
    expect(noise[32]!.mean).toBeGreaterThan(0.12);
    expect(noise[32]!.mean).toBeLessThan(0.3);
    expect(noise[2]!.variance).toBeGreaterThan(3 * noise[32]!.variance);
    expect(traces.find((trace) => trace.plan.key === "group-b2")!.final!.noise).toBeNull();
  });

  it("reports what a forgotten model.eval() does and each BatchNorm's variance shift", () => {
    const [trace] = train({ ...experimentDefaults("train-eval"), momenta: [0.1], epochs: 2 });
    expect(trace!.checkpoints.every((point) => point.batchAccuracy !== null)).toBe(true);
    const forgotten = trace!.final!.forgottenEval!;
    expect(forgotten.single).toBe(0.5);
    expect(forgotten.byClass).toBeLessThan(forgotten.mixed);
    const dropout = train({ ...experimentDefaults("dropout"), epochs: 2 });
    expect(dropout.map((run) => run.final!.varianceShift!.length)).toEqual([2, 2, 2]);
  });
});
