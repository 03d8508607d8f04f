import type { TensorForm } from "./url-state";

export const TENSOR_PRESETS = [
  { id: "fourValues", shape: "4,1", source: "typed", values: "1, 2, 3, 4" },
  { id: "twoChannels", shape: "4,2", source: "typed", values: "1, 10, 2, 20, 3, 30, 4, 40" },
  { id: "batchOfOne", shape: "1,3", source: "typed", values: "0.5, -1, 2" },
  { id: "smallImage", shape: "8,3,4,4", source: "seed", seed: "1" },
  { id: "resnetStage1", shape: "32,64,56,56", source: "seed", seed: "1" },
] as const satisfies readonly ({ id: string; shape: string } & (
  | { source: "typed"; values: string }
  | { source: "seed"; seed: string }
))[];

export type TensorPresetId = (typeof TENSOR_PRESETS)[number]["id"];

export function applyPreset(form: TensorForm, id: TensorPresetId): TensorForm {
  const preset = TENSOR_PRESETS.find((candidate) => candidate.id === id)!;
  return preset.source === "typed"
    ? { ...form, shape: preset.shape, source: "typed", values: preset.values, channel: "0" }
    : { ...form, shape: preset.shape, source: "seed", seed: preset.seed, channel: "0" };
}

/** The preset the form still matches, if any (so the preset menu shows it selected). */
export function matchingPreset(form: TensorForm): TensorPresetId | null {
  const normalise = (text: string) => text.replace(/\s+/g, "");
  const match = TENSOR_PRESETS.find(
    (preset) =>
      normalise(preset.shape) === normalise(form.shape) &&
      preset.source === form.source &&
      (preset.source === "typed" ? normalise(preset.values) === normalise(form.values) : preset.seed === form.seed.trim()),
  );
  return match?.id ?? null;
}
