import { frameworkDefaults } from "./defaults";
import { BnError } from "./errors";
import type { BnArgs, Framework, Mode } from "./types";

export interface ResolvedLayer {
  framework: Framework;
  mode: Mode;
  shape: number[];
  batch: number;
  channels: number;
  /** Product of the dimensions after the channel axis (1 for (N, C)). */
  spatial: number;
  valuesPerChannel: number;
  eps: number;
  momentum: number | null;
  gamma: Float64Array | null;
  beta: Float64Array | null;
  tracksRunningStats: boolean;
  runningMean: Float64Array | null;
  runningVar: Float64Array | null;
  numBatchesTracked: number | null;
  usedBatchStats: boolean;
}

export interface ResolvedBn extends ResolvedLayer {
  x: Float64Array;
}

export function validateShape(shape: readonly number[], path: string, minRank: number, maxRank: number): number {
  if (!Array.isArray(shape) || shape.length < minRank || shape.length > maxRank) {
    throw new BnError(
      "bad_shape",
      `${path} must have ${minRank} to ${maxRank} dimensions, got ${Array.isArray(shape) ? shape.length : "none"}`,
      [path],
    );
  }
  let size = 1;
  shape.forEach((dim, axis) => {
    if (!Number.isInteger(dim) || dim <= 0) {
      throw new BnError("bad_shape", `${path}[${axis}] must be a positive integer, got ${dim}`, [path, axis]);
    }
    size *= dim;
  });
  if (!Number.isSafeInteger(size)) {
    throw new BnError("bad_shape", `${path} has too many elements (${size})`, [path]);
  }
  return size;
}

export function toFloat64(values: ArrayLike<number>): Float64Array {
  return values instanceof Float64Array ? values : Float64Array.from(values);
}

export function toFloat32(values: ArrayLike<number>): Float32Array {
  return values instanceof Float32Array ? values : Float32Array.from(values);
}

export function readVector(
  values: ArrayLike<number>,
  length: number,
  name: string,
  options: { nonNegative?: boolean } = {},
): Float64Array {
  if (values == null || typeof values.length !== "number") {
    throw new BnError("bad_length", `${name} must be an array of ${length} numbers`, [name]);
  }
  if (values.length !== length) {
    throw new BnError("bad_length", `${name} must have ${length} values (one per channel), got ${values.length}`, [
      name,
    ]);
  }
  const vector = Float64Array.from(values);
  vector.forEach((value, index) => {
    if (!Number.isFinite(value)) {
      throw new BnError("bad_value", `${name}[${index}] must be a finite number, got ${value}`, [name, index]);
    }
    if (options.nonNegative && value < 0) {
      throw new BnError("bad_value", `${name}[${index}] must not be negative, got ${value}`, [name, index]);
    }
  });
  return vector;
}

function optionalVector(
  values: ArrayLike<number> | null | undefined,
  present: boolean,
  absentBecause: string,
  channels: number,
  fill: number,
  name: string,
  options: { nonNegative?: boolean } = {},
): Float64Array | null {
  if (!present) {
    if (values != null) {
      throw new BnError("unexpected_param", `${name} was given but the layer has none (${absentBecause})`, [name]);
    }
    return null;
  }
  return values == null ? new Float64Array(channels).fill(fill) : readVector(values, channels, name, options);
}

export function validateEps(eps: unknown): number {
  if (typeof eps !== "number" || !Number.isFinite(eps) || eps <= 0) {
    throw new BnError("bad_eps", `eps must be a finite number > 0, got ${String(eps)}`, ["eps"]);
  }
  return eps;
}

function validateMomentum(momentum: unknown, allowNull: boolean): number | null {
  if (momentum === null && allowNull) return null;
  if (typeof momentum !== "number" || !Number.isFinite(momentum) || momentum < 0 || momentum > 1) {
    throw new BnError(
      "bad_momentum",
      `momentum must be a number in [0, 1]${allowNull ? " or null" : ""}, got ${String(momentum)}`,
      ["momentum"],
    );
  }
  return momentum;
}

/** PyTorch's exact wording, torch/nn/functional.py v1.13 _verify_batch_size (formats a torch.Size). */
export function tooFewValuesMessage(shape: readonly number[]): string {
  return `Expected more than 1 value per channel when training, got input size torch.Size([${shape.join(", ")}])`;
}

export function resolveArgs(args: BnArgs): ResolvedBn {
  return { ...resolveLayer(args), x: toFloat64(args.input) };
}

/** Every argument checked and defaulted, the input's values left as given (no float64 copy). */
export function resolveLayer(args: BnArgs): ResolvedLayer {
  if (args.mode !== "train" && args.mode !== "eval") {
    throw new BnError("bad_value", `mode must be "train" or "eval", got ${String(args.mode)}`, ["mode"]);
  }
  const size = validateShape(args.shape, "shape", 2, 5);
  const shape = Array.from(args.shape);
  const input = args.input;
  if (input == null || typeof input.length !== "number") {
    throw new BnError("shape_mismatch", "input must be an array of numbers", ["input"]);
  }
  if (input.length !== size) {
    throw new BnError(
      "shape_mismatch",
      `input has ${input.length} values but shape [${shape.join(", ")}] needs ${size}`,
      ["input"],
    );
  }
  const batch = shape[0]!;
  const channels = shape[1]!;
  const spatial = size / (batch * channels);
  const valuesPerChannel = batch * spatial;

  let hasGamma: boolean;
  let hasBeta: boolean;
  let tracksRunningStats: boolean;
  let momentum: number | null;
  let eps: number;
  let numBatchesTracked: number | null = null;
  let usedBatchStats: boolean;
  if (args.framework === "pytorch") {
    const defaults = frameworkDefaults("pytorch");
    eps = validateEps(args.eps ?? defaults.eps);
    momentum = validateMomentum(args.momentum === undefined ? defaults.momentum : args.momentum, true);
    hasGamma = hasBeta = args.affine ?? defaults.affine;
    tracksRunningStats = args.trackRunningStats ?? defaults.trackRunningStats;
    if (tracksRunningStats) {
      numBatchesTracked = args.numBatchesTracked ?? 0;
      if (!Number.isSafeInteger(numBatchesTracked) || numBatchesTracked < 0) {
        throw new BnError(
          "bad_value",
          `numBatchesTracked must be a non-negative integer, got ${numBatchesTracked}`,
          ["numBatchesTracked"],
        );
      }
    } else if (args.numBatchesTracked != null) {
      throw new BnError(
        "unexpected_param",
        "numBatchesTracked was given but the layer has none (trackRunningStats is false)",
        ["numBatchesTracked"],
      );
    }
    // torch/nn/modules/batchnorm.py v1.13 L161-164: eval uses batch statistics when the buffers are None.
    usedBatchStats = args.mode === "train" || !tracksRunningStats;
    if (usedBatchStats && valuesPerChannel === 1) {
      throw new BnError("too_few_values", tooFewValuesMessage(shape), ["shape"]);
    }
  } else if (args.framework === "keras") {
    const defaults = frameworkDefaults("keras");
    eps = validateEps(args.eps ?? defaults.eps);
    momentum = validateMomentum(args.momentum === undefined ? defaults.momentum : args.momentum, false);
    hasGamma = args.scale ?? defaults.scale;
    hasBeta = args.center ?? defaults.center;
    tracksRunningStats = true;
    usedBatchStats = args.mode === "train";
  } else {
    throw new BnError("bad_value", `framework must be "pytorch" or "keras"`, ["framework"]);
  }

  const affineReason = args.framework === "pytorch" ? "affine is false" : undefined;
  const gamma = optionalVector(args.gamma, hasGamma, affineReason ?? "scale is false", channels, 1, "gamma");
  const beta = optionalVector(args.beta, hasBeta, affineReason ?? "center is false", channels, 0, "beta");
  const runningMean = optionalVector(
    args.runningMean,
    tracksRunningStats,
    "trackRunningStats is false",
    channels,
    0,
    "runningMean",
  );
  const runningVar = optionalVector(
    args.runningVar,
    tracksRunningStats,
    "trackRunningStats is false",
    channels,
    1,
    "runningVar",
    { nonNegative: true },
  );

  return {
    framework: args.framework,
    mode: args.mode,
    shape,
    batch,
    channels,
    spatial,
    valuesPerChannel,
    eps,
    momentum,
    gamma,
    beta,
    tracksRunningStats,
    runningMean,
    runningVar,
    numBatchesTracked,
    usedBatchStats,
  };
}
