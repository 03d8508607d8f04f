// The modules, not the lib/lab index: the page checks settings without bundling the trainer.
import { resolveConfig } from "@/lib/lab/config";
import { LabError } from "@/lib/lab/errors";
import { EXPERIMENTS, experimentDefaults, experimentRuns, type RunPlan } from "./experiments";
import { DATA, WIDTHS, type Architecture, type LabSetup, type SetupField } from "./setup";
import { parseSetupTexts, type FieldError, type LabDraft } from "./url-state";

/** Training steps over all of an experiment's runs, by architecture: a few minutes at most on a laptop. */
export const MAX_STEPS: Record<Architecture, number> = { mlp: 200_000, "deep-mlp": 40_000, conv: 10_000 };

function fieldOf(setup: LabSetup, path: (string | number)[]): SetupField {
  const [first, second] = path;
  if (first === "batchSize") return setup.experiment === "small-batches" ? "batches" : "batch";
  if (first === "seed") return "seed";
  if (first === "optimizer" && second === "lr") return setup.experiment === "learning-rate" ? "lrs" : "lr";
  if (first === "model" && second === "groups") return "groups";
  if (first === "model" && second === "bnMomentum") return "momenta";
  if (first === "model" && second === "dropout") return "dropout";
  if (first === "model" && second === "kind") return "architecture";
  if (first === "data") return "dataset";
  return "experiment";
}

function engineError(setup: LabSetup, run: RunPlan, error: LabError): FieldError {
  const field = fieldOf(setup, error.path);
  const batch = run.settings.batchSize ?? setup.batch;
  switch (error.code) {
    case "batch_too_large":
      return { field, code: "batch_too_large", params: { batch, size: DATA[setup.dataset].trainSize } };
    case "groups_not_dividing": {
      const channels = WIDTHS[setup.architecture].find((width) => width % setup.groups !== 0) ?? 0;
      return { field, code: setup.groups > channels ? "more_groups_than_channels" : "groups_not_dividing", params: { groups: setup.groups, channels } };
    }
    case "too_few_values":
      return { field, code: "too_few_values", params: { batch } };
    case "model_data_mismatch":
      return { field, code: "model_data_mismatch", params: {} };
    case "bad_learning_rate":
      return { field, code: "not_positive", params: { value: String(run.settings.optimizer?.lr) } };
    default:
      return { field, code: "bad_value", params: { message: error.message } };
  }
}

/** What makes a setup, valid field by field, impossible to run: each problem named by the field to change. */
export function checkSetup(setup: LabSetup): FieldError[] {
  const definition = EXPERIMENTS[setup.experiment];
  const errors: FieldError[] = [];
  if (definition.needsNorm && setup.norm === "none") errors.push({ field: "norm", code: "needs_norm", params: {} });
  if (definition.needsMlp && setup.architecture === "conv") errors.push({ field: "architecture", code: "needs_mlp", params: {} });
  if (errors.length > 0) return errors;
  const runs = experimentRuns(setup);
  for (const run of runs) {
    try {
      resolveConfig(run.settings);
    } catch (error) {
      if (!(error instanceof LabError)) throw error;
      const problem = engineError(setup, run, error);
      if (!errors.some((known) => known.field === problem.field)) errors.push(problem);
    }
  }
  const steps = runs.reduce((sum, run) => sum + run.totalSteps, 0);
  if (errors.length === 0 && steps > MAX_STEPS[setup.architecture]) {
    errors.push({ field: "epochs", code: "too_many_steps", params: { steps, max: MAX_STEPS[setup.architecture] } });
  }
  return errors;
}

export interface SetupReading {
  /** A setup the lab can run: the one asked for when it has no errors, else the nearest good one (the
   * failing fields at their defaults, or the experiment's defaults). */
  setup: LabSetup;
  draft: LabDraft;
  /** Empty when `setup` is exactly what the texts asked for. */
  errors: FieldError[];
}

/** Texts (a query string's, or the form's) → the setup to run, with every problem named by its field. */
export function readSetup(texts: Partial<Record<SetupField, string>>): SetupReading {
  const parsed = parseSetupTexts(texts);
  const failed = new Set(parsed.errors.map((error) => error.field));
  const crossErrors = checkSetup(parsed.setup).filter((error) => !failed.has(error.field));
  const errors = [...parsed.errors, ...crossErrors];
  if (errors.length === 0) return { setup: parsed.setup, draft: parsed.draft, errors };

  const defaults = experimentDefaults(parsed.setup.experiment);
  const fallback = { ...parsed.setup };
  for (const error of crossErrors) (fallback as unknown as Record<SetupField, unknown>)[error.field] = defaults[error.field];
  return { setup: checkSetup(fallback).length === 0 ? fallback : defaults, draft: parsed.draft, errors };
}
