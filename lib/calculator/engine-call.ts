import { z } from "zod";
import { backward, countParams, foldIntoPreceding, forward, KERAS_LAYERS, PYTORCH_LAYERS, type BnArgs, type FoldArgs, type NormLayerSpec } from "@/lib/bn";

/*
 * One call of the engine, described as data: what a numeric card asks lib/bn to compute, and what the
 * calculator reproduces from a link. The arguments arrive loose (from a card's YAML with its parameters filled
 * in) and are validated here, once, into the engine's own argument types.
 */

/** A BatchNorm call's arguments as a card gives them: every flag of both frameworks, read by the one that applies. */
export type BnCallArgs = z.infer<typeof bnArgsSchema>;
export type FoldCallArgs = z.infer<typeof foldArgsSchema> & { runningMean: number[]; runningVar: number[] };

export type EngineCall =
  | { call: "forward" | "running"; args: BnCallArgs }
  | { call: "backward"; args: BnCallArgs & { gradOutput: number[] } }
  | { call: "params"; args: NormLayerSpec }
  | { call: "fold"; args: FoldCallArgs };

export type EngineCallName = EngineCall["call"];

/** Arguments that do not make a valid call; the message names the argument. */
export class EngineCallError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EngineCallError";
  }
}

const finite = z.number().refine(Number.isFinite, { error: "must be a finite number" });
const vector = z.array(finite);
const bnFields = {
  framework: z.enum(["pytorch", "keras"]).default("pytorch"),
  mode: z.enum(["train", "eval"]).default("train"),
  input: vector,
  shape: z.array(z.number().int()),
  eps: finite.optional(),
  momentum: finite.nullable().optional(),
  numBatchesTracked: z.number().int().optional(),
  affine: z.boolean().optional(),
  trackRunningStats: z.boolean().optional(),
  center: z.boolean().optional(),
  scale: z.boolean().optional(),
  gamma: vector.optional(),
  beta: vector.optional(),
  runningMean: vector.optional(),
  runningVar: vector.optional(),
};
const bnArgsSchema = z.strictObject(bnFields);
const backwardArgsSchema = z.strictObject({ ...bnFields, gradOutput: vector });
const paramsArgsSchema = z.strictObject({
  layer: z.enum([...PYTORCH_LAYERS, ...KERAS_LAYERS]),
  numFeatures: z.number().optional(),
  numChannels: z.number().optional(),
  numGroups: z.number().optional(),
  features: z.number().optional(),
  groups: z.number().optional(),
  normalizedShape: z.union([z.number(), z.array(z.number())]).optional(),
  size: z.number().optional(),
  inChannels: z.number().optional(),
  outChannels: z.number().optional(),
  kernelSize: z.union([z.number(), z.tuple([z.number(), z.number()])]).optional(),
  inFeatures: z.number().optional(),
  outFeatures: z.number().optional(),
  bias: z.boolean().optional(),
  affine: z.boolean().optional(),
  trackRunningStats: z.boolean().optional(),
  elementwiseAffine: z.boolean().optional(),
  center: z.boolean().optional(),
  scale: z.boolean().optional(),
});
const foldArgsSchema = z.strictObject({
  weight: vector,
  weightShape: z.array(z.number().int()),
  bias: vector.optional(),
  runningMean: vector.optional(),
  runningVar: vector.optional(),
  eps: finite.default(1e-5),
  gamma: vector.optional(),
  beta: vector.optional(),
});

function parseArgs<T>(schema: z.ZodType<T>, args: Record<string, unknown>): T {
  const parsed = schema.safeParse(args);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new EngineCallError(`calculation.args${issue.path.length ? "." + issue.path.join(".") : ""}: ${issue.message}`);
}

/** The engine call `call` with these arguments, validated. Throws an EngineCallError naming a bad argument. */
export function engineCall(call: EngineCallName, args: Record<string, unknown>): EngineCall {
  switch (call) {
    case "forward":
    case "running":
      return { call, args: parseArgs(bnArgsSchema, args) };
    case "backward":
      return { call, args: parseArgs(backwardArgsSchema, args) };
    case "params":
      return { call, args: parseArgs(paramsArgsSchema, args) as NormLayerSpec };
    case "fold": {
      const fold = parseArgs(foldArgsSchema, args);
      const outChannels = fold.weightShape[0] ?? 0;
      return {
        call,
        args: { ...fold, runningMean: fold.runningMean ?? Array(outChannels).fill(0), runningVar: fold.runningVar ?? Array(outChannels).fill(1) },
      };
    }
  }
}

/**
 * Runs lib/bn. `running` is the forward result with runningMean/runningVar/numBatchesTracked after the update.
 * Throws the engine's BnError when these arguments are invalid for it.
 */
export function runEngine(engine: EngineCall): Record<string, unknown> {
  switch (engine.call) {
    case "forward":
      return { ...forward(engine.args as BnArgs) };
    case "running": {
      const result = forward(engine.args as BnArgs);
      if (!result.running) throw new EngineCallError("call running: this layer keeps no running statistics");
      return {
        ...result,
        runningMean: result.running.meanAfter,
        runningVar: result.running.varAfter,
        numBatchesTracked: result.running.numBatchesTrackedAfter,
        factor: result.running.factor,
      };
    }
    case "backward":
      return { ...backward(engine.args as BnArgs & { gradOutput: number[] }) };
    case "params":
      return { ...countParams(engine.args) };
    case "fold":
      return { ...foldIntoPreceding(engine.args satisfies FoldArgs) };
  }
}
