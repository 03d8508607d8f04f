// The BN Lab page's domain: experiments, their setups and links, and the sessions a worker trains.
export * from "./setup";
export { EXPERIMENTS, experimentDefaults, experimentRuns, REFERENCE_BATCH, type ExperimentDefinition, type RunMeasures, type RunPlan, type RunVariant } from "./experiments";
export * from "./url-state";
export { checkSetup, MAX_STEPS, readSetup, type SetupReading } from "./check";
export * from "./session";
export * from "./progress";
