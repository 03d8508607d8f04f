export type Framework = "pytorch" | "keras";
export type Mode = "train" | "eval";
/** Storage of a tensor's values: float64 (exact work, the default) or float32 (PyTorch's default dtype). */
export type Dtype = "float64" | "float32";
export type FloatArray = Float64Array | Float32Array;

interface BnArgsBase {
  mode: Mode;
  /** Flat row-major values of an (N, C), (N, C, L), (N, C, H, W) or (N, C, D, H, W) tensor. */
  input: ArrayLike<number>;
  shape: readonly number[];
  eps?: number;
  /** γ (PyTorch `weight`, Keras `gamma`); defaults to ones when the layer has it. */
  gamma?: ArrayLike<number> | null;
  /** β (PyTorch `bias`, Keras `beta`); defaults to zeros when the layer has it. */
  beta?: ArrayLike<number> | null;
  /** PyTorch `running_mean`, Keras `moving_mean`; defaults to zeros. */
  runningMean?: ArrayLike<number> | null;
  /** PyTorch `running_var`, Keras `moving_variance`; defaults to ones. */
  runningVar?: ArrayLike<number> | null;
}

export interface PytorchBnArgs extends BnArgsBase {
  framework: "pytorch";
  /** Weight of the new batch statistic; null = cumulative average (factor 1/num_batches_tracked). */
  momentum?: number | null;
  affine?: boolean;
  trackRunningStats?: boolean;
  numBatchesTracked?: number;
}

export interface KerasBnArgs extends BnArgsBase {
  framework: "keras";
  /** Weight of the old moving statistic (the inverse of PyTorch's meaning). */
  momentum?: number;
  /** false → no β. */
  center?: boolean;
  /** false → no γ. */
  scale?: boolean;
}

export type BnArgs = PytorchBnArgs | KerasBnArgs;

export type ForwardArgs = BnArgs & {
  /** Also return x̂ (one more array of the input's size); default true. */
  includeXHat?: boolean;
  /** Write y here instead of a fresh array (may be the input itself). Repeated large calls, e.g. in a
   * Web Worker, then skip the page faults of a new 50 MB allocation. */
  out?: Float64Array;
  dtype?: "float64";
};

/** Values rounded to float32 as a PyTorch float32 tensor holds them; y and x̂ come back as Float32Array,
 * statistics stay numbers (computed in float64 from the float32 values). */
export type Float32ForwardArgs = BnArgs & {
  includeXHat?: boolean;
  out?: Float32Array;
  dtype: "float32";
};

export type BackwardArgs = BnArgs & {
  /** ∂loss/∂y, same shape as the input. */
  gradOutput: ArrayLike<number>;
};

export interface RunningStats {
  meanBefore: number[];
  varBefore: number[];
  meanAfter: number[];
  varAfter: number[];
  /** PyTorch only; null for Keras, which has no such counter. */
  numBatchesTrackedBefore: number | null;
  numBatchesTrackedAfter: number | null;
  /** Weight given to the batch statistic in this update (PyTorch momentum or 1/num_batches_tracked,
   * Keras 1 − momentum); null when nothing was updated (eval mode). */
  factor: number | null;
  updated: boolean;
  /** Which batch variance feeds the running variance: PyTorch unbiased, Keras biased. */
  varianceFed: "unbiased" | "biased";
}

export interface ForwardResult<Values extends FloatArray = Float64Array> {
  framework: Framework;
  dtype: Dtype;
  mode: Mode;
  shape: number[];
  channels: number;
  /** N, N·L, N·H·W or N·D·H·W: the values behind each per-channel statistic. */
  valuesPerChannel: number;
  eps: number;
  momentum: number | null;
  /** True in train mode, and in PyTorch eval mode without running buffers. */
  usedBatchStats: boolean;
  batchMean: number[];
  /** Biased (divide by n): what normalizes the batch in train mode. */
  batchVar: number[];
  /** Divide by n − 1; null when valuesPerChannel is 1. */
  batchUnbiasedVar: number[] | null;
  /** Statistics the output was normalized with (batch or running). */
  normMean: number[];
  normVar: number[];
  /** 1/√(normVar + ε). */
  invStd: number[];
  /** γ and β as applied; null when the layer has no such parameter. */
  gamma: number[] | null;
  beta: number[] | null;
  /** y = scale·(x − normMean) + shift per channel: scale = γ·invStd, shift = β. */
  scale: number[];
  shift: number[];
  /** null when the layer keeps no running statistics (PyTorch track_running_stats=False). */
  running: RunningStats | null;
  output: Values;
  xHat: Values | null;
}

export interface BackwardResult {
  framework: Framework;
  mode: Mode;
  shape: number[];
  channels: number;
  valuesPerChannel: number;
  usedBatchStats: boolean;
  dx: Float64Array;
  /** Σ dy·x̂ per channel; null when the layer has no γ. */
  dgamma: number[] | null;
  /** Σ dy per channel; null when the layer has no β. */
  dbeta: number[] | null;
  sumDy: number[];
  sumDyXHat: number[];
  normMean: number[];
  invStd: number[];
}
