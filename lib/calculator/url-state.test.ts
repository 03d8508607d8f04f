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
