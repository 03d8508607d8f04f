import type { DropoutPosition, LabSettings, Norm, NormPlacement, ProbeConfig } from "@/lib/lab";
import { DATA, DEFAULT_SETUP, WIDTHS, type ExperimentId, type LabSetup, type SetupField } from "./setup";

/** What sets one run of an experiment apart from the others, for its label. */
export interface RunVariant {
  norm?: Norm;
  lr?: number;
  batch?: number;
  momentum?: number | null;
  placement?: NormPlacement;
  dropout?: "none" | Exclude<DropoutPosition, "after-relu">;
}

/** What the session measures besides loss and accuracy. */
export interface RunMeasures {
  /** At each checkpoint, the test accuracy with batch statistics too (a forgotten model.eval()). */
  batchStatistics?: boolean;
  /** At the end, test accuracy in training mode: mixed batches, batches of one, batches of one class. */
  forgottenEval?: boolean;
  /** At the end, each BatchNorm block's variance shift. */
  varianceShift?: boolean;
  /** The probed unit's batch mean and variance against the running ones: the noise in batch statistics. */
  batchNoise?: boolean;
}

export interface RunPlan {
  /** Unique within the experiment and stable across languages: "batch-lr0.1", "group-b4", "m0.01". */
  key: string;
  variant: RunVariant;
  settings: LabSettings;
  stepsPerEpoch: number;
  totalSteps: number;
  /** Test-set evaluations spread over training (besides the final one); 0 for none. */
  checkpoints: number;
  measures: RunMeasures;
}

export interface ExperimentDefinition {
  id: ExperimentId;
  /** The settings this experiment reads; the others keep their defaults and stay out of its link. */
  fields: readonly SetupField[];
  /** Where this experiment's defaults differ from DEFAULT_SETUP. */
  defaults: Partial<LabSetup>;
  /** The normalization the experiment is about, when the learner does not choose it. */
  fixedNorm: Norm | null;
  /** The experiment compares its normalization against none or across placements, so "none" makes no sense. */
  needsNorm: boolean;
  /** Dropout positions exist only in the MLP. */
  needsMlp: boolean;
  runs(setup: LabSetup): RunPlan[];
}

const COMMON = ["dataset", "architecture", "epochs", "seed"] as const satisfies readonly SetupField[];
const CHECKPOINTS = 10;

/** The learning rate of the small-batch runs, scaled linearly from the one given for a batch of 32
 * (Goyal et al. 2017, "Accurate, Large Minibatch SGD", §2.1). */
export const REFERENCE_BATCH = 32;

function base(setup: LabSetup): LabSettings {
  const widths = WIDTHS[setup.architecture];
  return {
    seed: setup.seed,
    data: DATA[setup.dataset],
    model:
      setup.architecture === "conv"
        ? { kind: "conv", channels: widths, norm: setup.norm, groups: setup.groups }
        : { kind: "mlp", hidden: widths, norm: setup.norm, groups: setup.groups, dropout: null },
    batchSize: setup.batch,
    optimizer: { lr: setup.lr },
    probe: null,
  };
}

function plan(setup: LabSetup, key: string, variant: RunVariant, settings: LabSettings, checkpoints: number, measures: RunMeasures = {}): RunPlan {
  const trainSize = settings.data?.trainSize ?? DATA[setup.dataset].trainSize;
  const batch = settings.batchSize ?? setup.batch;
  const stepsPerEpoch = Math.max(0, Math.floor(trainSize / batch));
  return { key, variant, settings, stepsPerEpoch, totalSteps: stepsPerEpoch * setup.epochs, checkpoints, measures };
}

function withModel(settings: LabSettings, model: Record<string, unknown>): LabSettings {
  return { ...settings, model: { ...settings.model, ...model } };
}

const lastBlock = (setup: LabSetup) => WIDTHS[setup.architecture].length;

function probeAt(block: number, point: ProbeConfig["point"]): ProbeConfig {
  return { block, unit: 0, point };
}

export const EXPERIMENTS: Record<ExperimentId, ExperimentDefinition> = {
  "learning-rate": {
    id: "learning-rate",
    fields: [...COMMON, "norm", "groups", "lrs", "batch"],
    defaults: { epochs: 5 },
    fixedNorm: null,
    needsNorm: true,
    needsMlp: false,
    runs: (setup) =>
      [setup.norm, "none" as const].flatMap((norm) =>
        setup.lrs.map((lr) =>
          plan(setup, `${norm}-lr${lr}`, { norm, lr }, { ...withModel(base(setup), { norm }), optimizer: { lr } }, 0),
        ),
      ),
  },
  activations: {
    id: "activations",
    fields: [...COMMON, "norm", "groups", "lr", "batch"],
    defaults: { epochs: 5 },
    fixedNorm: null,
    needsNorm: true,
    needsMlp: false,
    runs: (setup) =>
      [setup.norm, "none" as const].map((norm) =>
        plan(setup, norm, { norm }, { ...withModel(base(setup), { norm }), probe: probeAt(lastBlock(setup), "pre-activation") }, 0),
      ),
  },
  "small-batches": {
    id: "small-batches",
    fields: [...COMMON, "groups", "lr", "batches"],
    defaults: { epochs: 3 },
    fixedNorm: null,
    needsNorm: false,
    needsMlp: false,
    runs: (setup) =>
      setup.batches.flatMap((batch) =>
        (["batch", "group"] as const).map((norm) =>
          plan(
            setup,
            `${norm}-b${batch}`,
            { norm, batch },
            {
              ...withModel(base(setup), { norm }),
              batchSize: batch,
              optimizer: { lr: (setup.lr * batch) / REFERENCE_BATCH },
              probe: probeAt(1, "pre-norm"),
            },
            0,
            { batchNoise: norm === "batch" },
          ),
        ),
      ),
  },
  "train-eval": {
    id: "train-eval",
    fields: [...COMMON, "lr", "batch", "momenta"],
    defaults: { epochs: 5 },
    fixedNorm: "batch",
    needsNorm: false,
    needsMlp: false,
    runs: (setup) =>
      setup.momenta.map((momentum) =>
        plan(
          setup,
          `m${momentum ?? "none"}`,
          { momentum },
          { ...withModel(base(setup), { norm: "batch", bnMomentum: momentum }), probe: probeAt(1, "pre-norm") },
          CHECKPOINTS,
          { batchStatistics: true, forgottenEval: true },
        ),
      ),
  },
  placement: {
    id: "placement",
    fields: [...COMMON, "norm", "groups", "lr", "batch"],
    defaults: { epochs: 10 },
    fixedNorm: null,
    needsNorm: true,
    needsMlp: false,
    runs: (setup) =>
      (["before-relu", "after-relu"] as const).map((placement) =>
        plan(setup, placement, { placement }, withModel(base(setup), { placement }), CHECKPOINTS),
      ),
  },
  dropout: {
    id: "dropout",
    fields: [...COMMON, "lr", "batch", "dropout"],
    defaults: { epochs: 10 },
    fixedNorm: "batch",
    needsNorm: false,
    needsMlp: true,
    runs: (setup) =>
      (["none", "before-norm", "before-head"] as const).map((position) =>
        plan(
          setup,
          position,
          { dropout: position },
          withModel(base(setup), { norm: "batch", dropout: position === "none" ? null : { rate: setup.dropout, position } }),
          CHECKPOINTS,
          { varianceShift: true },
        ),
      ),
  },
};

/** The lab's defaults with this experiment's own on top. */
export function experimentDefaults(id: ExperimentId): LabSetup {
  return { ...DEFAULT_SETUP, ...EXPERIMENTS[id].defaults, experiment: id };
}

/** The runs an experiment compares for a setup (the norm it is about put in place). */
export function experimentRuns(setup: LabSetup): RunPlan[] {
  const definition = EXPERIMENTS[setup.experiment];
  return definition.runs(definition.fixedNorm ? { ...setup, norm: definition.fixedNorm } : setup);
}
