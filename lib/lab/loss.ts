import type { FloatArray } from "./layers/types";

export interface LossResult {
  /** Mean over the batch of −log softmax(z)[label]. */
  loss: number;
  /** Samples whose largest logit is their label's (the first largest on ties, as torch.argmax). */
  correct: number;
}

/**
 * Softmax cross-entropy averaged over the batch (torch.nn.CrossEntropyLoss, reduction "mean"):
 * loss = (1/N)·Σₙ (log Σ_k exp z[n,k] − z[n,yₙ]), computed stably by subtracting each row's maximum.
 * Fills ∂loss/∂z = (softmax(z) − onehot(y))/N when gradLogits is given.
 */
export function softmaxCrossEntropy(
  logits: FloatArray,
  labels: ArrayLike<number>,
  batch: number,
  classes: number,
  gradLogits: FloatArray | null,
): LossResult {
  let total = 0;
  let correct = 0;
  for (let n = 0; n < batch; n++) {
    const row = n * classes;
    let max = logits[row]!;
    let argmax = 0;
    for (let k = 1; k < classes; k++) {
      if (logits[row + k]! > max) {
        max = logits[row + k]!;
        argmax = k;
      }
    }
    let sumExp = 0;
    for (let k = 0; k < classes; k++) sumExp += Math.exp(logits[row + k]! - max);
    const label = labels[n]!;
    total += max + Math.log(sumExp) - logits[row + label]!;
    if (argmax === label) correct += 1;
    if (gradLogits) {
      for (let k = 0; k < classes; k++) {
        const probability = Math.exp(logits[row + k]! - max) / sumExp;
        gradLogits[row + k] = (probability - (k === label ? 1 : 0)) / batch;
      }
    }
  }
  return { loss: total / batch, correct };
}

/** softmax(z) row by row: exp(z − max)/Σ exp(z − max). */
export function softmaxInto(logits: FloatArray, batch: number, classes: number, out: Float64Array): void {
  for (let n = 0; n < batch; n++) {
    const row = n * classes;
    let max = logits[row]!;
    for (let k = 1; k < classes; k++) max = Math.max(max, logits[row + k]!);
    let sumExp = 0;
    for (let k = 0; k < classes; k++) sumExp += Math.exp(logits[row + k]! - max);
    for (let k = 0; k < classes; k++) out[row + k] = Math.exp(logits[row + k]! - max) / sumExp;
  }
}
