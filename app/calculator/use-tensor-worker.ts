"use client";

import { startTransition, useEffect, useRef, useState } from "react";
import type { TensorForm } from "@/lib/calculator/url-state";
import type { TensorReply, TensorRequest } from "./bn.worker";

const DEBOUNCE_MS = 60;

/**
 * Computes the tensor form in a Web Worker. Every request carries an id and only the reply to the latest
 * one is shown; a request still running when a newer one is sent is cancelled by terminating its worker,
 * so a 6-million-value forward pass never delays the answer to the next keystroke.
 */
export function useTensorWorker(form: TensorForm): { reply: TensorReply | null; pending: boolean } {
  const [shown, setShown] = useState<{ form: TensorForm; reply: TensorReply } | null>(null);
  const latestFormRef = useRef(form);
  const workerRef = useRef<Worker | null>(null);
  const busyRef = useRef(false);
  const latestRef = useRef(0);

  useEffect(() => {
    return () => {
      workerRef.current?.terminate();
      workerRef.current = null;
    };
  }, []);

  useEffect(() => {
    const id = ++latestRef.current;
    latestFormRef.current = form;
    const timer = setTimeout(() => {
      if (busyRef.current) {
        workerRef.current?.terminate();
        workerRef.current = null;
      }
      if (!workerRef.current) {
        const worker = new Worker(new URL("./bn.worker.ts", import.meta.url), { type: "module" });
        worker.onmessage = (event: MessageEvent<TensorReply>) => {
          busyRef.current = false;
          if (event.data.id !== latestRef.current) return;
          const answered = { form: latestFormRef.current, reply: event.data };
          // A transition lets React render the (large) result in slices, so typing never waits for it.
          startTransition(() => setShown(answered));
        };
        worker.onerror = (event) => {
          busyRef.current = false;
          event.preventDefault();
          setShown({ form: latestFormRef.current, reply: { id: latestRef.current, failure: event.message || "worker error" } });
          workerRef.current?.terminate();
          workerRef.current = null;
        };
        workerRef.current = worker;
      }
      busyRef.current = true;
      workerRef.current.postMessage({ id, form } satisfies TensorRequest);
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [form]);

  // A reply is current only for the very form it answered; anything else is still being computed.
  return { reply: shown?.reply ?? null, pending: shown?.form !== form };
}
