import { describe, expect, it } from "vitest";
import { DEFAULT_STATE, MAX_URL_CHARS, serializeCalculatorState, type CalculatorState } from "./url-state";
import { parseCalculatorState } from "./url-parse";

function roundTrip(state: CalculatorState): CalculatorState {
  return parseCalculatorState(new URLSearchParams(serializeCalculatorState(state).query));
}

describe("calculator URL state", () => {
  it("writes nothing for the default state and reads it back", () => {
    expect(serializeCalculatorState(DEFAULT_STATE).query).toBe("");
    expect(parseCalculatorState({})).toEqual(DEFAULT_STATE);
  });

  it("round-trips a Keras eval tensor with typed statistics", () => {
    const state: CalculatorState = {
      ...DEFAULT_STATE,
      tensor: {
        ...DEFAULT_STATE.tensor,
        framework: "keras",
        mode: "eval",
        shape: "2,2",
        values: "1, 2, 3, 4",
        eps: "0.001",
        momentum: "0.9",
        center: false,
        runningMean: "0.5, 1",
        dySource: "typed",
        dy: "1, 0, 0, 0",
      },
    };
    const { query } = serializeCalculatorState(state);
    expect(query).toBe("fw=keras&mode=eval&shape=2%2C2&m=0.9&center=0&x=1%2C+2%2C+3%2C+4&rmean=0.5%2C+1&dy=1%2C+0%2C+0%2C+0");
    expect(roundTrip(state).tensor).toEqual(state.tensor);
  });

  it("stores seeded values as the seed, and PyTorch's momentum none as the word", () => {
    const state: CalculatorState = {
      ...DEFAULT_STATE,
      tensor: { ...DEFAULT_STATE.tensor, shape: "32,64,56,56", source: "seed", seed: "1", values: "", momentum: "none" },
    };
    expect(serializeCalculatorState(state).query).toBe("shape=32%2C64%2C56%2C56&seed=1&m=none");
    expect(roundTrip(state).tensor).toEqual(state.tensor);
  });

  it("leaves typed values out of a link that would be too long, and says so", () => {
    const values = Array.from({ length: 3000 }, (_, i) => String(i)).join(",");
    const state: CalculatorState = { ...DEFAULT_STATE, tensor: { ...DEFAULT_STATE.tensor, shape: "3000,1", values } };
    const serialized = serializeCalculatorState(state);
    expect(serialized.droppedTypedValues).toBe(true);
    expect(serialized.query).toBe("shape=3000%2C1");
    expect(serialized.query.length).toBeLessThan(MAX_URL_CHARS);
  });

  it("round-trips the parameter counter with layer-specific flag defaults", () => {
    const state: CalculatorState = {
      ...DEFAULT_STATE,
      calc: "params",
      params: { ...DEFAULT_STATE.params, layer: "InstanceNorm2d", features: "3", affine: true, trackRunningStats: false },
    };
    expect(serializeCalculatorState(state).query).toBe("calc=params&layer=InstanceNorm2d&c=3&affine=1");
    expect(roundTrip(state)).toMatchObject({ calc: "params", params: state.params });
  });

  it("round-trips the layers a deck card counts next to a BN: Conv2d without bias, RMSNorm, Keras RMSNormalization", () => {
    const conv: CalculatorState = {
      ...DEFAULT_STATE,
      calc: "params",
      params: { ...DEFAULT_STATE.params, layer: "Conv2d", inFeatures: "64", features: "128", kernelSize: "3,5", bias: false },
    };
    expect(serializeCalculatorState(conv).query).toBe("calc=params&layer=Conv2d&c=128&cin=64&k=3%2C5&hasbias=0");
    expect(roundTrip(conv)).toMatchObject({ calc: "params", params: conv.params });
    const rms: CalculatorState = { ...DEFAULT_STATE, calc: "params", params: { ...DEFAULT_STATE.params, layer: "RMSNorm", normalizedShape: "4096" } };
    expect(serializeCalculatorState(rms).query).toBe("calc=params&layer=RMSNorm&ns=4096");
    const keras: CalculatorState = {
      ...DEFAULT_STATE,
      calc: "params",
      params: { ...DEFAULT_STATE.params, framework: "keras", layer: "RMSNormalization", features: "768" },
    };
    expect(serializeCalculatorState(keras).query).toBe("calc=params&fw=keras&layer=RMSNormalization&c=768");
    expect(roundTrip(keras)).toMatchObject({ params: { layer: "RMSNormalization", features: "768" } });
  });

  it("round-trips a fold without bias", () => {
    const state: CalculatorState = {
      ...DEFAULT_STATE,
      calc: "fold",
      fold: { ...DEFAULT_STATE.fold, kind: "linear", weightShape: "2,3", weight: "1,2,3,4,5,6", bias: "", gamma: "", beta: "", runningMean: "1,2", runningVar: "" },
    };
    expect(roundTrip(state)).toMatchObject({ calc: "fold", fold: state.fold });
  });

  it("round-trips RMSNorm: typed values and γ, PyTorch's normalized_shape and flag, Keras's ε, a seed", () => {
    const typed: CalculatorState = {
      ...DEFAULT_STATE,
      calc: "rms",
      rms: { ...DEFAULT_STATE.rms, shape: "1,4", values: "[1,2,3,4]", normalizedShape: "4", eps: "1e-5", weight: "1, 1, 2, 2" },
    };
    expect(serializeCalculatorState(typed).query).toBe("calc=rms&shape=1%2C4&eps=1e-5&x=%5B1%2C2%2C3%2C4%5D&gamma=1%2C+1%2C+2%2C+2");
    expect(roundTrip(typed)).toEqual({ ...DEFAULT_STATE, calc: "rms", rms: typed.rms });
    const noWeight: CalculatorState = { ...DEFAULT_STATE, calc: "rms", rms: { ...DEFAULT_STATE.rms, shape: "3,2,2", values: "", source: "seed", seed: "9", normalizedShape: "2,2", elementwiseAffine: false } };
    expect(serializeCalculatorState(noWeight).query).toBe("calc=rms&shape=3%2C2%2C2&seed=9&ns=2%2C2&affine=0");
    expect(roundTrip(noWeight).rms).toEqual(noWeight.rms);
    const keras: CalculatorState = { ...DEFAULT_STATE, calc: "rms", rms: { ...DEFAULT_STATE.rms, framework: "keras", eps: "0.001" } };
    expect(serializeCalculatorState(keras).query).toBe("calc=rms&fw=keras&eps=0.001");
    expect(roundTrip(keras).rms).toEqual(keras.rms);
    expect(serializeCalculatorState({ ...DEFAULT_STATE, calc: "rms" }).query).toBe("calc=rms");
  });

  it("keeps an RMSNorm link's numbers out of the tensor form, and the tensor's out of the RMSNorm form", () => {
    const rms = parseCalculatorState({ calc: "rms", fw: "keras", shape: "1,4", x: "1,2,3,4", eps: "0.5" });
    expect(rms.rms).toMatchObject({ framework: "keras", shape: "1,4", values: "1,2,3,4", eps: "0.5" });
    expect(rms.tensor).toEqual(DEFAULT_STATE.tensor);
    expect(parseCalculatorState({ shape: "32,64,56,56", seed: "1", eps: "0.001" }).rms).toEqual(DEFAULT_STATE.rms);
  });

  it("falls back to defaults for unknown or malformed values", () => {
    const state = parseCalculatorState({ calc: "nope", fw: "jax", mode: ["eval", "train"], affine: "yes", layer: "BatchNormalization" });
    expect(state.calc).toBe("tensor");
    expect(state.tensor.framework).toBe("pytorch");
    expect(state.tensor.mode).toBe("eval");
    expect(state.tensor.affine).toBe(true);
    // A Keras layer name with the PyTorch framework falls back to the PyTorch default layer.
    expect(state.params.layer).toBe("BatchNorm2d");
  });
});
