import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readSetup } from "./check";
import { EXPERIMENTS, experimentDefaults } from "./experiments";
import { ARCHITECTURES, DATASETS, EXPERIMENT_IDS, NORMS, type LabSetup } from "./setup";
import { normalizeSetup, parseSetupTexts, queryTexts, serializeSetup, type FieldError } from "./url-state";

const read = (query: string) => readSetup(queryTexts(new URLSearchParams(query)));

describe("the lab's URL state", () => {
  it("writes only the experiment for its defaults, and reads the bare page as the first experiment", () => {
    for (const id of EXPERIMENT_IDS) {
      expect(serializeSetup(experimentDefaults(id))).toBe(`exp=${id}`);
      expect(read(`exp=${id}`)).toEqual({ setup: experimentDefaults(id), draft: expect.any(Object), errors: [] });
    }
    expect(read("").setup).toEqual(experimentDefaults("learning-rate"));
  });

  it("writes a changed setting under its short key and reads it back", () => {
    const setup: LabSetup = { ...experimentDefaults("placement"), lr: 0.05, dataset: "blobs", seed: 7, norm: "layer" };
    expect(serializeSetup(setup)).toBe("exp=placement&data=blobs&norm=layer&lr=0.05&seed=7");
    expect(read(serializeSetup(setup)).setup).toEqual(setup);
    const momenta: LabSetup = { ...experimentDefaults("train-eval"), momenta: [0.1, null] };
    expect(serializeSetup(momenta)).toBe("exp=train-eval&momenta=0.1%2Cnone");
    expect(read(serializeSetup(momenta)).setup.momenta).toEqual([0.1, null]);
  });

  it("leaves out settings the experiment does not read", () => {
    const setup: LabSetup = { ...experimentDefaults("learning-rate"), lr: 0.5, batches: [2, 16] };
    expect(serializeSetup(setup)).toBe("exp=learning-rate");
    expect(read("exp=learning-rate&lr=-1").errors).toEqual([]);
  });

  it("round-trips every setup, field by field (fast-check)", () => {
    const positive = fc.double({ min: 1e-6, max: 100, noNaN: true });
    const setups = fc.record({
      experiment: fc.constantFrom(...EXPERIMENT_IDS),
      dataset: fc.constantFrom(...DATASETS),
      architecture: fc.constantFrom(...ARCHITECTURES),
      norm: fc.constantFrom(...NORMS),
      groups: fc.integer({ min: 1, max: 1024 }),
      lr: positive,
      lrs: fc.uniqueArray(positive, { minLength: 1, maxLength: 10 }),
      batch: fc.integer({ min: 1, max: 100_000 }),
      batches: fc.uniqueArray(fc.integer({ min: 1, max: 100_000 }), { minLength: 1, maxLength: 6 }),
      momenta: fc.uniqueArray(fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }), { minLength: 1, maxLength: 4 }),
      dropout: fc.double({ min: 0, max: 0.9, noNaN: true }),
      epochs: fc.integer({ min: 1, max: 100 }),
      seed: fc.integer({ min: 0, max: 0xffffffff }),
    });
    fc.assert(
      fc.property(setups, (setup: LabSetup) => {
        const parsed = parseSetupTexts(queryTexts(new URLSearchParams(serializeSetup(setup))));
        expect(parsed.errors).toEqual([]);
        expect(parsed.setup).toEqual(normalizeSetup(setup));
      }),
    );
  });
});

describe("bad settings are named next to their field", () => {
  const cases: [string, string, FieldError][] = [
    ["a learning rate of zero", "exp=placement&lr=0", { field: "lr", code: "not_positive", params: { value: "0" } }],
    ["a negative learning rate", "exp=placement&lr=-0.1", { field: "lr", code: "not_positive", params: { value: "-0.1" } }],
    ["a learning rate that is not a number", "exp=activations&lr=fast", { field: "lr", code: "not_a_number", params: { value: "fast" } }],
    ["a negative rate in the sweep", "exp=learning-rate&lrs=0.1,-1", { field: "lrs", code: "not_positive", params: { value: "-1" } }],
    ["a sweep that repeats itself", "exp=learning-rate&lrs=0.1,0.1", { field: "lrs", code: "duplicate", params: { value: "0.1" } }],
    ["an unknown experiment", "exp=batch-renorm", { field: "experiment", code: "unknown_choice", params: { value: "batch-renorm", choices: EXPERIMENT_IDS.join(", ") } }],
    ["a batch larger than the data set", "exp=placement&batch=5000", { field: "batch", code: "batch_too_large", params: { batch: 5000, size: 1000 } }],
    ["a batch larger than the bar images", "exp=placement&data=bars&batch=600", { field: "batch", code: "batch_too_large", params: { batch: 600, size: 512 } }],
    ["more groups than channels", "exp=placement&norm=group&groups=128", { field: "groups", code: "more_groups_than_channels", params: { groups: 128, channels: 64 } }],
    ["groups that do not divide the channels", "exp=placement&norm=group&groups=5", { field: "groups", code: "groups_not_dividing", params: { groups: 5, channels: 64 } }],
    ["a small batch GroupNorm cannot split", "exp=small-batches&groups=3", { field: "groups", code: "groups_not_dividing", params: { groups: 3, channels: 64 } }],
    ["BatchNorm with batches of one", "exp=small-batches&batches=1,4", { field: "batches", code: "too_few_values", params: { batch: 1 } }],
    ["the conv net on points", "exp=placement&arch=conv", { field: "architecture", code: "model_data_mismatch", params: {} }],
    ["no normalization to compare", "exp=learning-rate&norm=none", { field: "norm", code: "needs_norm", params: {} }],
    ["dropout in the conv net", "exp=dropout&arch=conv&data=bars", { field: "architecture", code: "needs_mlp", params: {} }],
    ["a momentum above 1", "exp=train-eval&momenta=0.1,2", { field: "momenta", code: "out_of_range", params: { value: "2", min: 0, max: 1 } }],
    ["a fractional epoch", "exp=placement&epochs=2.5", { field: "epochs", code: "not_an_integer", params: { value: "2.5" } }],
    ["far too much training", "exp=small-batches&arch=deep-mlp&epochs=100", { field: "epochs", code: "too_many_steps", params: { steps: 181_200, max: 40_000 } }],
    ["a seed past 2³²", "exp=placement&seed=4294967296", { field: "seed", code: "out_of_range", params: { value: "4294967296", min: 0, max: 0xffffffff } }],
  ];

  it.each(cases)("%s", (_, query, error) => {
    const reading = read(query);
    expect(reading.errors).toEqual([error]);
    // The run shown instead is one the lab can train, and the form keeps the text as typed.
    expect(readSetup({ ...reading.draft, [error.field]: String(reading.setup[error.field]) }).errors).toEqual([]);
  });

  it("keeps the typed text in the draft and runs the field's default meanwhile", () => {
    const reading = read("exp=placement&lr=-0.1&seed=3");
    expect(reading.draft.lr).toBe("-0.1");
    expect(reading.setup).toEqual({ ...experimentDefaults("placement"), seed: 3 });
    const unknown = read("exp=nope&lr=0.2");
    expect(unknown.draft.experiment).toBe("nope");
    expect(unknown.setup.experiment).toBe("learning-rate");
  });

  it("names every bad field at once", () => {
    expect(read("exp=activations&lr=0&batch=5000&seed=-1").errors.map((error) => error.field)).toEqual(["lr", "seed", "batch"]);
  });

  it("every experiment reads only settings that exist", () => {
    for (const definition of Object.values(EXPERIMENTS)) {
      expect(definition.fields).toContain("seed");
      expect(definition.fields).toContain("epochs");
    }
  });
});
