// Not the lib/experiments index: that also brings the URL codec (zod), which the worker has no use for.
import { experimentRuns } from "@/lib/experiments/experiments";
import { createSession, type RunDelta, type Session } from "@/lib/experiments/session";
import type { LabSetup } from "@/lib/experiments/setup";

export type LabRequest =
  | { kind: "start"; job: number; setup: LabSetup; paused: boolean }
  | { kind: "play" | "pause" | "step"; job: number };

export type LabReply = { kind: "progress"; job: number; deltas: RunDelta[]; done: boolean } | { kind: "failed"; job: number; message: string };

/** Training runs in slices this long, so a pause, a step or a new setup is read within a slice. */
const SLICE_MS = 12;
/** Progress is posted at most this often (and at the end): the page redraws its charts on each post. */
const POST_EVERY_MS = 200;

const scope = self as unknown as DedicatedWorkerGlobalScope;
let current: { job: number; session: Session; paused: boolean } | null = null;
let lastPost = 0;

// A message to ourselves schedules the next slice without setTimeout's 4 ms clamp, and lets queued
// requests from the page run in between.
const channel = new MessageChannel();
let scheduled = false;
function schedule() {
  if (scheduled) return;
  scheduled = true;
  channel.port2.postMessage(null);
}

function post(run: NonNullable<typeof current>) {
  lastPost = performance.now();
  scope.postMessage({ kind: "progress", job: run.job, deltas: run.session.flush(), done: run.session.done } satisfies LabReply);
}

function fail(job: number, error: unknown) {
  current = null;
  scope.postMessage({ kind: "failed", job, message: error instanceof Error ? error.message : String(error) } satisfies LabReply);
}

channel.port1.onmessage = () => {
  scheduled = false;
  const run = current;
  if (!run || run.paused || run.session.done) return;
  try {
    const until = performance.now() + SLICE_MS;
    let more = true;
    while (more && performance.now() < until) more = run.session.tick();
    if (!more || performance.now() - lastPost >= POST_EVERY_MS) post(run);
    if (more) schedule();
  } catch (error) {
    fail(run.job, error);
  }
};

scope.onmessage = (event: MessageEvent<LabRequest>) => {
  const request = event.data;
  try {
    if (request.kind === "start") {
      // The previous job, if any, is dropped here: a stale run never reports again.
      current = { job: request.job, session: createSession(experimentRuns(request.setup)), paused: request.paused };
      post(current);
      schedule();
      return;
    }
    const run = current;
    if (!run || run.job !== request.job) return;
    if (request.kind === "pause") {
      run.paused = true;
      post(run);
    } else if (request.kind === "play") {
      run.paused = false;
      schedule();
    } else {
      run.paused = true;
      run.session.stepEach();
      post(run);
    }
  } catch (error) {
    fail(request.job, error);
  }
};
