import { BnError, countParams, type NormLayerSpec, type ParamCount } from "@/lib/bn";
import type { FieldError } from "./tensor";
import type { ParamsForm } from "./url-state";
import { parseShape } from "./values";

export type ParamsOutcome = { ok: true; count: ParamCount; spec: NormLayerSpec } | { ok: false; errors: FieldError[] };

function integer(text: string): number {
  return /^\s*-?\d+\s*$/.test(text) ? Number(text) : NaN;
}

/** The layer spec the form describes, in the engine's terms. */
export function layerSpec(form: ParamsForm): NormLayerSpec | FieldError {
  const features = integer(form.features);
  switch (form.layer) {
    case "BatchNorm1d":
    case "BatchNorm2d":
    case "BatchNorm3d":
    case "InstanceNorm1d":
    case "InstanceNorm2d":
    case "InstanceNorm3d":
      return { layer: form.layer, numFeatures: features, affine: form.affine, trackRunningStats: form.trackRunningStats };
    case "LayerNorm": {
      const parsed = parseShape(form.normalizedShape);
      if (!parsed.ok) {
        return { field: "normalizedShape", code: "bad_dim", message: "normalized_shape must be positive whole numbers", params: {} };
      }
      return { layer: "LayerNorm", normalizedShape: parsed.shape, elementwiseAffine: form.affine };
    }
    case "RMSNorm": {
      const parsed = parseShape(form.normalizedShape);
      if (!parsed.ok) {
        return { field: "normalizedShape", code: "bad_dim", message: "normalized_shape must be positive whole numbers", params: {} };
      }
      return { layer: "RMSNorm", normalizedShape: parsed.shape, elementwiseAffine: form.affine };
    }
    case "RMSNormalization":
      return { layer: "RMSNormalization", features };
    case "Conv2d": {
      const kernel = parseShape(form.kernelSize);
      if (!kernel.ok || kernel.shape.length > 2) {
        return { field: "kernelSize", code: "bad_dim", message: "kernel_size must be one or two positive whole numbers", params: {} };
      }
      const [kh, kw = kh] = kernel.shape as [number, number?];
      return { layer: "Conv2d", inChannels: integer(form.inFeatures), outChannels: features, kernelSize: [kh, kw], bias: form.bias };
    }
    case "Linear":
      return { layer: "Linear", inFeatures: integer(form.inFeatures), outFeatures: features, bias: form.bias };
    case "GroupNorm":
      return { layer: "GroupNorm", numGroups: integer(form.groups), numChannels: features, affine: form.affine };
    case "LocalResponseNorm":
      return { layer: "LocalResponseNorm", size: integer(form.size) };
    case "BatchNormalization":
    case "LayerNormalization":
      return { layer: form.layer, features, center: form.center, scale: form.scale };
    case "GroupNormalization":
      return { layer: "GroupNormalization", features, groups: integer(form.groups), center: form.center, scale: form.scale };
  }
}

const ENGINE_FIELDS: Record<string, string> = {
  numFeatures: "features",
  numChannels: "features",
  features: "features",
  numGroups: "groups",
  groups: "groups",
  size: "size",
  outChannels: "features",
  outFeatures: "features",
  inChannels: "inFeatures",
  inFeatures: "inFeatures",
  kernelSize: "kernelSize",
};

export function computeParams(form: ParamsForm): ParamsOutcome {
  const spec = layerSpec(form);
  if ("field" in spec) return { ok: false, errors: [spec] };
  try {
    return { ok: true, count: countParams(spec), spec };
  } catch (error) {
    if (!(error instanceof BnError)) throw error;
    const head = String(error.path[0] ?? "");
    const field = head.startsWith("normalizedShape") ? "normalizedShape" : (ENGINE_FIELDS[head] ?? "features");
    return { ok: false, errors: [{ field, code: error.code, message: error.message, params: {} }] };
  }
}
