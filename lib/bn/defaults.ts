import type { NormLayerName } from "./count-params";
import type { Framework } from "./types";

export interface PytorchDefaults {
  framework: "pytorch";
  eps: number;
  momentum: number;
  affine: boolean;
  trackRunningStats: boolean;
  gammaInit: number;
  betaInit: number;
  runningMeanInit: number;
  runningVarInit: number;
}

export interface KerasDefaults {
  framework: "keras";
  eps: number;
  momentum: number;
  center: boolean;
  scale: boolean;
  gammaInit: number;
  betaInit: number;
  runningMeanInit: number;
  runningVarInit: number;
}

// torch/nn/modules/batchnorm.py v1.13 _NormBase.__init__ and reset_parameters (weight 1, bias 0,
// running_mean 0, running_var 1).
const pytorchDefaults: PytorchDefaults = {
  framework: "pytorch",
  eps: 1e-5,
  momentum: 0.1,
  affine: true,
  trackRunningStats: true,
  gammaInit: 1,
  betaInit: 0,
  runningMeanInit: 0,
  runningVarInit: 1,
};

// keras/src/layers/normalization/batch_normalization.py __init__ (momentum 0.99, epsilon 1e-3,
// gamma "ones", beta "zeros", moving_mean "zeros", moving_variance "ones").
const kerasDefaults: KerasDefaults = {
  framework: "keras",
  eps: 1e-3,
  momentum: 0.99,
  center: true,
  scale: true,
  gammaInit: 1,
  betaInit: 0,
  runningMeanInit: 0,
  runningVarInit: 1,
};

export function frameworkDefaults(framework: "pytorch"): PytorchDefaults;
export function frameworkDefaults(framework: "keras"): KerasDefaults;
export function frameworkDefaults(framework: Framework): PytorchDefaults | KerasDefaults;
export function frameworkDefaults(framework: Framework): PytorchDefaults | KerasDefaults {
  return framework === "pytorch" ? { ...pytorchDefaults } : { ...kerasDefaults };
}

/** A layer's own defaults for its flags: InstanceNorm has neither affine parameters nor running statistics. */
export function layerFlagDefaults(layer: NormLayerName): { affine: boolean; trackRunningStats: boolean; center: boolean; scale: boolean } {
  const instance = layer.startsWith("InstanceNorm");
  return { affine: !instance, trackRunningStats: !instance, center: true, scale: true };
}
