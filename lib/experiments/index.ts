// The BN Lab page's domain: experiments, their setups and links, and the sessions a worker trains.
export * from "./setup";
export { EXPERIMENTS, experimentDefaults, experimentRuns, REFERENCE_BATCH, type ExperimentDefinition, type RunMeasures, type RunPlan, type RunVariant } from "./experiments";
export * from "./url-state";
export { checkSetup, MAX_STEPS, readSetup, type SetupReading } from "./check";
// Only the types of sessions: the worker imports ./session itself, so the page's bundle leaves the trainer out.
export type { BatchNoise, Checkpoint, CurvePoint, ProbePoint, RunDelta, RunDivergence, RunFinal, Session } from "./session";
export * from "./progress";
export * from "./panels";
