"use client";

import { startTransition, useCallback, useEffect, useRef, useState } from "react";
import { applyDeltas, emptyTraces, experimentRuns, type LabSetup, type RunTrace } from "@/lib/experiments";
import type { LabReply, LabRequest } from "./lab.worker";

export interface LabRun {
  traces: RunTrace[];
  done: boolean;
  /** The worker failed; the message says why. */
  failure: string | null;
}

const fresh = (setup: LabSetup): LabRun => ({ traces: emptyTraces(experimentRuns(setup)), done: false, failure: null });

/**
 * Trains an experiment's runs in a Web Worker. Every start gets a new job number and only the latest job's
 * reports are shown; the worker drops the previous job when a new one starts, so a stale run never comes back.
 */
export function useLabWorker(initial: LabSetup, startPaused: boolean) {
  const [run, setRun] = useState<LabRun>(() => fresh(initial));
  const workerRef = useRef<Worker | null>(null);
  const jobRef = useRef(1);
  const firstJobRef = useRef({ setup: initial, paused: startPaused });

  const connect = useCallback(() => {
    const worker = new Worker(new URL("./lab.worker.ts", import.meta.url), { type: "module" });
    worker.onmessage = (event: MessageEvent<LabReply>) => {
      const reply = event.data;
      if (reply.job !== jobRef.current) return;
      if (reply.kind === "failed") {
        setRun((shown) => ({ ...shown, done: true, failure: reply.message }));
        return;
      }
      // A transition lets React draw the charts when it can, so typing never waits for them.
      startTransition(() => setRun((shown) => ({ ...shown, traces: applyDeltas(shown.traces, reply.deltas), done: reply.done })));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      setRun((shown) => ({ ...shown, done: true, failure: event.message || "worker error" }));
      worker.terminate();
      if (workerRef.current === worker) workerRef.current = null;
    };
    workerRef.current = worker;
    return worker;
  }, []);

  const post = useCallback((request: LabRequest) => (workerRef.current ?? connect()).postMessage(request), [connect]);

  useEffect(() => {
    const { setup, paused } = firstJobRef.current;
    post({ kind: "start", job: jobRef.current, setup, paused });
    return () => {
      workerRef.current?.terminate();
      workerRef.current = null;
    };
  }, [post]);

  const start = useCallback(
    (setup: LabSetup, paused: boolean) => {
      jobRef.current += 1;
      setRun(fresh(setup));
      post({ kind: "start", job: jobRef.current, setup, paused });
    },
    [post],
  );

  const control = useCallback((kind: "play" | "pause" | "step") => post({ kind, job: jobRef.current }), [post]);

  return { run, start, control };
}
