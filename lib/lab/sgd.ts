import type { FloatArray, Param } from "./layers/types";

export interface SgdOptions {
  lr: number;
  momentum: number;
  weightDecay: number;
}

/** One SGD parameter's momentum buffer; null until the first step, as in PyTorch's optimizer state. */
export interface SgdState {
  momentumBuffers: (FloatArray | null)[];
}

export function createSgdState(params: Param[]): SgdState {
  return { momentumBuffers: params.map(() => null) };
}

/**
 * torch.optim.SGD.step, v1.13 `_single_tensor_sgd` with dampening 0 and nesterov off:
 *   g ← g + weight_decay·p;  buf ← g on the first step, else momentum·buf + g;  p ← p − lr·buf
 * (without momentum, p ← p − lr·g). Weight decay applies to every parameter, as with
 * SGD(model.parameters(), …).
 */
export function sgdStep(params: Param[], state: SgdState, { lr, momentum, weightDecay }: SgdOptions): void {
  params.forEach((parameter, index) => {
    const { value, grad } = parameter;
    let buffer = state.momentumBuffers[index] ?? null;
    const first = buffer === null;
    if (momentum !== 0 && first) {
      buffer = value instanceof Float32Array ? new Float32Array(value.length) : new Float64Array(value.length);
      state.momentumBuffers[index] = buffer;
    }
    for (let i = 0; i < value.length; i++) {
      let step = weightDecay !== 0 ? grad[i]! + weightDecay * value[i]! : grad[i]!;
      if (momentum !== 0) {
        const kept = first ? step : momentum * buffer![i]! + step;
        buffer![i] = kept;
        // Read back what was stored: in float32 the buffer holds the rounded value, as PyTorch's does.
        step = buffer![i]!;
      }
      value[i] = value[i]! - lr * step;
    }
  });
}
