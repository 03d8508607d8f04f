import { z } from "zod";
import { KERAS_LAYERS, PYTORCH_LAYERS, type BackwardArgs, type FoldArgs, type ForwardArgs, type NormLayerSpec } from "@/lib/bn";

/**
 * Above this many elements in any array the API answers 413. A request at the limit costs the server about
 * 40 ms of work in all (reading, checking, computing, writing the answer), so none can stall the others; the
 * calculator page computes tensors a hundred times larger in the learner's own browser, in a worker.
 */
export const MAX_API_ELEMENTS = 100_000;
/** More dimensions than any layer has; an array of millions of them is refused, not counted. */
const MAX_DIMENSIONS = 8;

const number = z.number({ error: "must be a number" });
// Every array is bounded: the handler's precheck refuses a body before validation, this names the field too.
const numbers = z
  .array(number, { error: "must be an array of numbers" })
  .max(MAX_API_ELEMENTS, { error: `must have at most ${MAX_API_ELEMENTS.toLocaleString("en")} numbers` });
const optionalNumbers = numbers.nullable().optional();

// Only the JSON shapes are checked here; what the numbers mean (ε > 0, lengths matching C, flags belonging to
// the framework) is checked by the engine, which answers with its own error codes and paths.
const forwardFields = z.strictObject({
  framework: z.enum(["pytorch", "keras"], { error: 'must be "pytorch" or "keras"' }).default("pytorch"),
  mode: z.enum(["train", "eval"], { error: 'must be "train" or "eval"' }).default("train"),
  shape: z
    .array(z.number().int({ error: "must be a whole number" }).min(1, { error: "must be at least 1" }), {
      error: "must be an array of 2 to 5 integers",
    })
    .min(2, { error: "must have 2 to 5 dimensions" })
    .max(5, { error: "must have 2 to 5 dimensions" }),
  input: numbers,
  eps: number.optional(),
  momentum: number.nullable().optional(),
  affine: z.boolean({ error: "must be true or false" }).optional(),
  trackRunningStats: z.boolean({ error: "must be true or false" }).optional(),
  center: z.boolean({ error: "must be true or false" }).optional(),
  scale: z.boolean({ error: "must be true or false" }).optional(),
  gamma: optionalNumbers,
  beta: optionalNumbers,
  runningMean: optionalNumbers,
  runningVar: optionalNumbers,
  numBatchesTracked: z.number().int({ error: "must be a whole number" }).min(0, { error: "must be 0 or more" }).optional(),
});

/** Flags and momentum that only mean something in one framework are refused in the other. */
function frameworkFields(request: z.infer<typeof forwardRequestSchema>, context: z.RefinementCtx) {
  const foreign =
    request.framework === "keras"
      ? (["affine", "trackRunningStats", "numBatchesTracked"] as const).filter((key) => request[key] !== undefined)
      : (["center", "scale"] as const).filter((key) => request[key] !== undefined);
  for (const key of foreign) {
    context.addIssue({ code: "custom", path: [key], message: `${key} does not apply to ${request.framework === "keras" ? "Keras" : "PyTorch"}` });
  }
  if (request.framework === "keras" && request.momentum === null) {
    context.addIssue({ code: "custom", path: ["momentum"], message: "momentum null (cumulative average) exists only in PyTorch" });
  }
}

export const forwardRequestSchema = forwardFields.superRefine(frameworkFields);
export type ForwardRequest = z.infer<typeof forwardRequestSchema>;

export const backwardRequestSchema = forwardFields.extend({ dy: numbers }).superRefine(frameworkFields);
export type BackwardRequest = z.infer<typeof backwardRequestSchema>;

const count = z.number({ error: "must be a number" }).int({ error: "must be a whole number" });
const flag = z.boolean({ error: "must be true or false" }).optional();

export const paramsRequestSchema = z
  .strictObject({
    framework: z.enum(["pytorch", "keras"], { error: 'must be "pytorch" or "keras"' }).default("pytorch"),
    layer: z.enum([...PYTORCH_LAYERS, ...KERAS_LAYERS], {
      error: `must be one of ${[...PYTORCH_LAYERS, ...KERAS_LAYERS].join(", ")}`,
    }),
    numFeatures: count.optional(),
    affine: flag,
    trackRunningStats: flag,
    normalizedShape: z
      .union([count, z.array(count).max(MAX_DIMENSIONS, { error: `must have at most ${MAX_DIMENSIONS} dimensions` })], {
        error: "must be an integer or an array of integers",
      })
      .optional(),
    elementwiseAffine: flag,
    numGroups: count.optional(),
    numChannels: count.optional(),
    size: count.optional(),
    features: count.optional(),
    groups: count.optional(),
    inChannels: count.optional(),
    outChannels: count.optional(),
    kernelSize: z.union([count, z.tuple([count, count])], { error: "must be an integer or [height, width]" }).optional(),
    inFeatures: count.optional(),
    outFeatures: count.optional(),
    bias: flag,
    center: flag,
    scale: flag,
  })
  .superRefine((request, context) => {
    const own: readonly string[] = request.framework === "pytorch" ? PYTORCH_LAYERS : KERAS_LAYERS;
    if (!own.includes(request.layer)) {
      context.addIssue({ code: "custom", path: ["layer"], message: `${request.layer} is not a ${request.framework} layer` });
    }
  });
export type ParamsRequest = z.infer<typeof paramsRequestSchema>;

export const foldRequestSchema = z
  .strictObject({
    layer: z.enum(["conv", "linear"], { error: 'must be "conv" or "linear"' }),
    weightShape: z.array(count.min(1, { error: "must be at least 1" }), { error: "must be an array of integers" }).max(MAX_DIMENSIONS),
    weight: numbers,
    bias: numbers.nullable().default(null),
    gamma: optionalNumbers,
    beta: optionalNumbers,
    runningMean: numbers,
    runningVar: numbers,
    eps: number.default(1e-5),
  })
  .superRefine((request, context) => {
    const rank = request.weightShape.length;
    const ok = request.layer === "linear" ? rank === 2 : rank >= 3 && rank <= 5;
    if (!ok) {
      context.addIssue({
        code: "custom",
        path: ["weightShape"],
        message: request.layer === "linear" ? "a linear weight has shape [out, in]" : "a conv weight has shape [Cout, Cin/groups, k…] (3 to 5 dimensions)",
      });
    }
  });
export type FoldRequest = z.infer<typeof foldRequestSchema>;

export const rmsNormRequestSchema = z.strictObject({
  framework: z.enum(["pytorch", "keras"], { error: 'must be "pytorch" or "keras"' }).default("pytorch"),
  shape: z
    .array(count.min(1, { error: "must be at least 1" }), { error: "must be an array of integers" })
    .min(1, { error: "must have at least 1 dimension" })
    .max(MAX_DIMENSIONS, { error: `must have at most ${MAX_DIMENSIONS} dimensions` }),
  input: numbers,
  normalizedShape: z.union([count, z.array(count).max(MAX_DIMENSIONS, { error: `must have at most ${MAX_DIMENSIONS} dimensions` })], {
    error: "must be an integer or an array of integers",
  }),
  /** null or absent: the framework's default (PyTorch: machine epsilon; Keras: 1e-6). */
  eps: number.nullable().optional(),
  weight: optionalNumbers,
});
export type RmsNormRequest = z.infer<typeof rmsNormRequestSchema>;

export function toForwardArgs(request: ForwardRequest): ForwardArgs {
  const common = {
    mode: request.mode,
    shape: request.shape,
    input: request.input,
    eps: request.eps,
    gamma: request.gamma,
    beta: request.beta,
    runningMean: request.runningMean,
    runningVar: request.runningVar,
    includeXHat: false,
  };
  if (request.framework === "keras") {
    // frameworkFields has refused a null momentum for Keras.
    return { ...common, framework: "keras", momentum: request.momentum ?? undefined, center: request.center, scale: request.scale };
  }
  return {
    ...common,
    framework: "pytorch",
    momentum: request.momentum,
    affine: request.affine,
    trackRunningStats: request.trackRunningStats,
    numBatchesTracked: request.numBatchesTracked,
  };
}

export function toBackwardArgs(request: BackwardRequest): BackwardArgs {
  const { includeXHat: _unused, ...args } = toForwardArgs(request);
  return { ...args, gradOutput: request.dy };
}

export function toLayerSpec(request: ParamsRequest): NormLayerSpec {
  const { framework: _framework, ...spec } = request;
  return spec as NormLayerSpec;
}

export function toFoldArgs(request: FoldRequest): FoldArgs {
  return { ...request, transpose: false };
}
