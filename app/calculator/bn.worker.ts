// Not the lib/calculator index: that also brings the URL schema (zod), which the worker has no use for.
import { computeTensor, transferables, type TensorOutcome } from "@/lib/calculator/tensor";
import type { TensorForm } from "@/lib/calculator/url-state";

export interface TensorRequest {
  id: number;
  form: TensorForm;
}

export type TensorReply =
  | { id: number; outcome: TensorOutcome; elapsedMs: number }
  | { id: number; failure: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<TensorRequest>) => {
  const { id, form } = event.data;
  const started = performance.now();
  try {
    const outcome = computeTensor(form);
    const reply: TensorReply = { id, outcome, elapsedMs: Math.round(performance.now() - started) };
    // Small tensors' values come back whole, moved rather than copied; large ones only as summaries.
    scope.postMessage(reply, outcome.ok ? transferables(outcome.view) : []);
  } catch (error) {
    scope.postMessage({ id, failure: error instanceof Error ? error.message : String(error) } satisfies TensorReply);
  }
};
