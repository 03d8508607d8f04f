import { BnError } from "./errors";
import { readVector, validateEps, validateShape } from "./resolve-args";

export interface FoldArgs {
  /** Conv (C_out, C_in/groups, k…) or Linear (out, in) weight; ConvTranspose (C_in, C_out/groups, k…) with transpose. */
  weight: ArrayLike<number>;
  weightShape: readonly number[];
  /** The preceding layer's bias; missing counts as 0. */
  bias?: ArrayLike<number> | null;
  transpose?: boolean;
  runningMean: ArrayLike<number>;
  runningVar: ArrayLike<number>;
  eps: number;
  /** Missing γ counts as 1, missing β as 0 (a BN layer without affine). */
  gamma?: ArrayLike<number> | null;
  beta?: ArrayLike<number> | null;
}

export interface FoldResult {
  weight: Float64Array;
  weightShape: number[];
  bias: number[];
  outChannels: number;
  invStd: number[];
  /** γ/√(running_var + ε): the factor each output channel's weights are multiplied by. */
  scale: number[];
}

/**
 * Folds an eval-mode BatchNorm into the conv or linear layer before it, as torch/nn/utils/fusion.py
 * (v1.13 fuse_conv_bn_weights, fuse_linear_bn_weights) does: W′ = W·γ/√(var+ε) per output channel,
 * b′ = (b − μ)·γ/√(var+ε) + β. This is [Ioffe] Alg. 2 step 11 with the affine map pushed into W.
 */
export function foldIntoPreceding(args: FoldArgs): FoldResult {
  const size = validateShape(args.weightShape, "weightShape", 2, 5);
  const weightShape = Array.from(args.weightShape);
  if (args.weight == null || args.weight.length !== size) {
    throw new BnError(
      "shape_mismatch",
      `weight has ${args.weight?.length ?? 0} values but weightShape [${weightShape.join(", ")}] needs ${size}`,
      ["weight"],
    );
  }
  const weight = readVector(args.weight, size, "weight");
  const transpose = args.transpose ?? false;
  const outAxis = transpose ? 1 : 0;
  const outChannels = weightShape[outAxis]!;
  const eps = validateEps(args.eps);
  const runningMean = readVector(args.runningMean, outChannels, "runningMean");
  const runningVar = readVector(args.runningVar, outChannels, "runningVar", { nonNegative: true });
  const gamma = args.gamma == null ? null : readVector(args.gamma, outChannels, "gamma");
  const beta = args.beta == null ? null : readVector(args.beta, outChannels, "beta");
  const bias = args.bias == null ? null : readVector(args.bias, outChannels, "bias");

  const invStd = runningVar.map((variance) => 1 / Math.sqrt(variance + eps));
  const scale = invStd.map((inv, c) => (gamma ? gamma[c]! : 1) * inv);
  const foldedBias = Array.from(scale, (channelScale, c) => {
    const b = bias ? bias[c]! : 0;
    return (b - runningMean[c]!) * channelScale + (beta ? beta[c]! : 0);
  });

  const leading = transpose ? weightShape[0]! : 1;
  const perOutChannel = size / (leading * outChannels);
  const folded = new Float64Array(size);
  for (let lead = 0; lead < leading; lead++) {
    for (let c = 0; c < outChannels; c++) {
      const start = (lead * outChannels + c) * perOutChannel;
      const channelScale = scale[c]!;
      for (let i = start; i < start + perOutChannel; i++) folded[i] = weight[i]! * channelScale;
    }
  }
  return {
    weight: folded,
    weightShape,
    bias: foldedBias,
    outChannels,
    invStd: Array.from(invStd),
    scale: Array.from(scale),
  };
}
