import type { RunPlan } from "./experiments";
import type { Checkpoint, CurvePoint, ProbePoint, RunDelta, RunDivergence, RunFinal } from "./session";

/** A run as the page knows it: its plan and everything the worker has reported so far. */
export interface RunTrace {
  plan: RunPlan;
  steps: number;
  curve: CurvePoint[];
  probe: ProbePoint[];
  checkpoints: Checkpoint[];
  last: RunDelta["last"];
  final: RunFinal | null;
  divergence: RunDivergence | null;
  failure: string | null;
}

export function emptyTraces(plans: RunPlan[]): RunTrace[] {
  return plans.map((plan) => ({ plan, steps: 0, curve: [], probe: [], checkpoints: [], last: null, final: null, divergence: null, failure: null }));
}

/** The traces with a batch of deltas appended (new arrays for the runs that changed, the rest as they were). */
export function applyDeltas(traces: RunTrace[], deltas: RunDelta[]): RunTrace[] {
  const byKey = new Map(deltas.map((delta) => [delta.key, delta]));
  return traces.map((trace) => {
    const delta = byKey.get(trace.plan.key);
    if (!delta) return trace;
    return {
      ...trace,
      steps: delta.steps,
      curve: delta.curve.length > 0 ? [...trace.curve, ...delta.curve] : trace.curve,
      probe: delta.probe.length > 0 ? [...trace.probe, ...delta.probe] : trace.probe,
      checkpoints: delta.checkpoints.length > 0 ? [...trace.checkpoints, ...delta.checkpoints] : trace.checkpoints,
      last: delta.last ?? trace.last,
      final: delta.final ?? trace.final,
      divergence: delta.divergence ?? trace.divergence,
      failure: delta.failure ?? trace.failure,
    };
  });
}

export function isFinished(trace: RunTrace): boolean {
  return trace.final !== null || trace.divergence !== null || trace.failure !== null;
}
