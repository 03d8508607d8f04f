import { describe, expect, it } from "vitest";
import type { Param } from "./layers/types";
import { createSgdState, sgdStep } from "./sgd";
import { expectClose } from "./test-utils";

function parameter(values: number[]): Param {
  return { name: "p", shape: [values.length], value: Float64Array.from(values), grad: new Float64Array(values.length) };
}

const exact = { relative: 1e-15, absolute: 1e-15 };

// Hand-worked from torch/optim/sgd.py v1.13 _single_tensor_sgd (dampening 0, nesterov off).
describe("sgdStep", () => {
  it("adds weight decay to the gradient, starts the momentum buffer at that gradient, then blends", () => {
    const p = parameter([1, -2]);
    const state = createSgdState([p]);
    const options = { lr: 0.1, momentum: 0.9, weightDecay: 0.01 };

    p.grad.set([0.5, 0.25]);
    sgdStep([p], state, options);
    // d = g + 0.01·p = [0.51, 0.23]; buf = d; p − 0.1·buf = [0.949, −2.023]
    expectClose(state.momentumBuffers[0]!, [0.51, 0.23], exact, "buf after step 1");
    expectClose(p.value, [0.949, -2.023], exact, "p after step 1");

    p.grad.set([-0.5, 1]);
    sgdStep([p], state, options);
    // d = [−0.5 + 0.00949, 1 − 0.02023] = [−0.49051, 0.97977]; buf = 0.9·[0.51, 0.23] + d = [−0.03151, 1.18677];
    // p = [0.949 + 0.003151, −2.023 − 0.118677]
    expectClose(state.momentumBuffers[0]!, [-0.03151, 1.18677], exact, "buf after step 2");
    expectClose(p.value, [0.952151, -2.141677], exact, "p after step 2");
  });

  it("without momentum keeps no buffer: p ← p − lr·(g + weight_decay·p)", () => {
    const p = parameter([2]);
    const state = createSgdState([p]);
    p.grad.set([1]);
    sgdStep([p], state, { lr: 0.5, momentum: 0, weightDecay: 0.5 });
    expect(state.momentumBuffers[0]).toBeNull();
    // 2 − 0.5·(1 + 0.5·2) = 1
    expect(p.value[0]).toBe(1);
  });

  it("stores float32 parameters and buffers rounded, as a float32 tensor holds them", () => {
    const p: Param = { name: "p", shape: [1], value: Float32Array.of(1), grad: Float32Array.of(0.1) };
    const state = createSgdState([p]);
    sgdStep([p], state, { lr: 0.1, momentum: 0.9, weightDecay: 0 });
    expect(state.momentumBuffers[0]).toBeInstanceOf(Float32Array);
    expect(state.momentumBuffers[0]![0]).toBe(Math.fround(0.1));
    expect(p.value[0]).toBe(Math.fround(1 - 0.1 * Math.fround(0.1)));
  });
});
