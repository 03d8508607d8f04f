import { createTrainer, LabError, type Trainer, type VarianceShift } from "@/lib/lab";
import type { RunPlan } from "./experiments";

/** Points kept per curve: enough for a smooth line, few enough to post and draw often. */
export const CURVE_POINTS = 120;

/** Loss and batch accuracy averaged over the steps since the previous point. */
export interface CurvePoint {
  /** Steps done (the point closes the window ending at this step). */
  step: number;
  epoch: number;
  loss: number;
  accuracy: number;
}

/** The probed unit over the same window: mean 15th/50th/85th percentiles; batch and running mean at its end. */
export interface ProbePoint {
  step: number;
  epoch: number;
  p15: number;
  p50: number;
  p85: number;
  batchMean: number | null;
  runningMean: number | null;
}

/** Test-set evaluation during training. */
export interface Checkpoint {
  step: number;
  epoch: number;
  /** Eval mode (running statistics). */
  loss: number;
  accuracy: number;
  /** Training mode on mixed test batches of the training batch size (batch statistics); measured on request. */
  batchAccuracy: number | null;
}

/** The probed unit's batch statistics against the running ones before each step, after the first epoch:
 * root mean square of (batch mean − running mean)/√running var and of batch var/running var − 1. */
export interface BatchNoise {
  mean: number;
  variance: number;
  samples: number;
}

export interface RunFinal {
  /** Eval mode on the test set. */
  loss: number;
  accuracy: number;
  /** Test accuracy as a forgotten model.eval() gives it: training mode, mixed batches of the training size,
   * batches of one, and batches drawn from one class. */
  forgottenEval: { mixed: number; single: number; byClass: number } | null;
  varianceShift: VarianceShift[] | null;
  noise: BatchNoise | null;
}

export interface RunDivergence {
  /** 1-based: the step whose loss or update was not finite. */
  step: number;
  epoch: number;
  cause: "loss" | "parameter";
  parameter: string | null;
  loss: number;
}

/** What one run adds since the previous report: small, plain, structured-clone safe. */
export interface RunDelta {
  key: string;
  steps: number;
  curve: CurvePoint[];
  probe: ProbePoint[];
  checkpoints: Checkpoint[];
  /** The latest step's own numbers (a single step shows them at once). */
  last: { step: number; loss: number; accuracy: number } | null;
  final: RunFinal | null;
  divergence: RunDivergence | null;
  /** The run could not start (a setting the page's check did not catch); the message is the engine's. */
  failure: string | null;
}

interface Window {
  count: number;
  loss: number;
  accuracy: number;
  p15: number;
  p50: number;
  p85: number;
}

const emptyWindow = (): Window => ({ count: 0, loss: 0, accuracy: 0, p15: 0, p50: 0, p85: 0 });

class RunState {
  readonly plan: RunPlan;
  readonly trainer: Trainer | null;
  steps = 0;
  finished = false;
  private readonly recordEvery: number;
  private readonly checkpointSteps: Set<number>;
  private window = emptyWindow();
  private previousRunning: { mean: number; variance: number } | null = null;
  private noise = { mean: 0, variance: 0, samples: 0 };
  private pending: RunDelta;

  constructor(plan: RunPlan) {
    this.plan = plan;
    this.pending = { key: plan.key, steps: 0, curve: [], probe: [], checkpoints: [], last: null, final: null, divergence: null, failure: null };
    this.recordEvery = Math.max(1, Math.ceil(plan.totalSteps / CURVE_POINTS));
    this.checkpointSteps = new Set(Array.from({ length: plan.checkpoints }, (_, i) => Math.round((plan.totalSteps * (i + 1)) / plan.checkpoints)));
    let trainer: Trainer | null = null;
    try {
      trainer = createTrainer(plan.settings);
    } catch (error) {
      if (!(error instanceof LabError)) throw error;
      this.pending.failure = error.message;
      this.finished = true;
    }
    this.trainer = trainer;
    if (trainer && plan.checkpoints > 0) this.pending.checkpoints.push(this.checkpoint(trainer));
    if (trainer && plan.totalSteps === 0) this.finish(trainer);
  }

  get progress(): number {
    return this.finished ? 1 : this.steps / this.plan.totalSteps;
  }

  private epoch(): number {
    return this.steps / this.plan.stepsPerEpoch;
  }

  private checkpoint(trainer: Trainer): Checkpoint {
    const test = trainer.evaluate("test");
    const batchAccuracy = this.plan.measures.batchStatistics ? trainer.evaluate("test", { statistics: "batch" }).accuracy : null;
    return { step: this.steps, epoch: this.epoch(), loss: test.loss, accuracy: test.accuracy, batchAccuracy };
  }

  private finish(trainer: Trainer): void {
    const { measures } = this.plan;
    const test = trainer.evaluate("test");
    const forgotten = (options: Parameters<Trainer["evaluate"]>[1]) => trainer.evaluate("test", { statistics: "batch", ...options }).accuracy;
    this.pending.final = {
      loss: test.loss,
      accuracy: test.accuracy,
      forgottenEval: measures.forgottenEval ? { mixed: forgotten({}), single: forgotten({ batchSize: 1 }), byClass: forgotten({ order: "by-class" }) } : null,
      varianceShift: measures.varianceShift ? trainer.varianceShift("test") : null,
      noise: measures.batchNoise
        ? {
            mean: Math.sqrt(this.noise.mean / Math.max(1, this.noise.samples)),
            variance: Math.sqrt(this.noise.variance / Math.max(1, this.noise.samples)),
            samples: this.noise.samples,
          }
        : null,
    };
    this.finished = true;
  }

  step(): void {
    const trainer = this.trainer;
    if (this.finished || !trainer) return;
    const report = trainer.step();
    if (report.kind === "diverged") {
      const { step, epoch, cause, parameter, loss } = report;
      this.pending.divergence = { step: step + 1, epoch, cause, parameter, loss };
      this.finished = true;
      return;
    }
    this.steps += 1;
    this.pending.steps = this.steps;
    this.pending.last = { step: this.steps, loss: report.loss, accuracy: report.accuracy };
    const window = this.window;
    window.count += 1;
    window.loss += report.loss;
    window.accuracy += report.accuracy;
    const probe = report.probe;
    if (probe) {
      window.p15 += probe.p15;
      window.p50 += probe.p50;
      window.p85 += probe.p85;
      this.measureNoise(probe.batchMean, probe.batchVar, probe.runningMean, probe.runningVar);
    }
    if (window.count === this.recordEvery || this.steps === this.plan.totalSteps) {
      const epoch = this.epoch();
      this.pending.curve.push({ step: this.steps, epoch, loss: window.loss / window.count, accuracy: window.accuracy / window.count });
      if (probe) {
        this.pending.probe.push({
          step: this.steps,
          epoch,
          p15: window.p15 / window.count,
          p50: window.p50 / window.count,
          p85: window.p85 / window.count,
          batchMean: probe.batchMean,
          runningMean: probe.runningMean,
        });
      }
      this.window = emptyWindow();
    }
    if (this.checkpointSteps.has(this.steps) && this.steps < this.plan.totalSteps) this.pending.checkpoints.push(this.checkpoint(trainer));
    if (this.steps === this.plan.totalSteps) {
      if (this.plan.checkpoints > 0) this.pending.checkpoints.push(this.checkpoint(trainer));
      this.finish(trainer);
    }
  }

  private measureNoise(batchMean: number | null, batchVar: number | null, runningMean: number | null, runningVar: number | null): void {
    if (!this.plan.measures.batchNoise || batchMean === null || batchVar === null || runningMean === null || runningVar === null) return;
    const before = this.previousRunning;
    // The running statistics need an epoch to forget their initial values (0 and 1).
    if (before && this.steps > this.plan.stepsPerEpoch) {
      this.noise.mean += (batchMean - before.mean) ** 2 / before.variance;
      this.noise.variance += (batchVar / before.variance - 1) ** 2;
      this.noise.samples += 1;
    }
    this.previousRunning = { mean: runningMean, variance: runningVar };
  }

  /** What changed since the last call; null when nothing did. */
  flush(): RunDelta | null {
    const delta = this.pending;
    const changed =
      delta.curve.length > 0 || delta.probe.length > 0 || delta.checkpoints.length > 0 || delta.last || delta.final || delta.divergence || delta.failure;
    if (!changed) return null;
    this.pending = { key: this.plan.key, steps: this.steps, curve: [], probe: [], checkpoints: [], last: null, final: null, divergence: null, failure: null };
    return delta;
  }
}

/** An experiment's runs trained together, one SGD step at a time; pure and synchronous (the worker paces it). */
export interface Session {
  /** One step of the run that is furthest behind (by share of its steps), so all runs finish together;
   * false when every run has finished. */
  tick(): boolean;
  /** One step of every unfinished run (the page's "Step" button). */
  stepEach(): void;
  readonly done: boolean;
  /** Each run's news since the last flush. */
  flush(): RunDelta[];
}

export function createSession(plans: RunPlan[]): Session {
  const runs = plans.map((plan) => new RunState(plan));
  return {
    tick() {
      let behind: RunState | null = null;
      for (const run of runs) if (!run.finished && (!behind || run.progress < behind.progress)) behind = run;
      behind?.step();
      return runs.some((run) => !run.finished);
    },
    stepEach() {
      for (const run of runs) run.step();
    },
    get done() {
      return runs.every((run) => run.finished);
    },
    flush() {
      return runs.map((run) => run.flush()).filter((delta): delta is RunDelta => delta !== null);
    },
  };
}
