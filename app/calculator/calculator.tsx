"use client";

import dynamic from "next/dynamic";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
// The calculator imports lib/calculator module by module, not through its index: the index also brings the
// server-side URL parser and engine-call schemas, and with them zod, into the browser.
import { CALCS, serializeCalculatorState, type Calc, type CalculatorState } from "@/lib/calculator/url-state";
import type { CalculatorMessages } from "@/lib/i18n";
import { Choice } from "./fields";
import { TensorMode } from "./tensor-mode";

// The tensor mode is the one a visitor lands on; the others, which run the engine on the main thread, load
// when chosen (or, from a link that opens them, with the page). Their placeholder is also their own Suspense
// boundary, so the mode switch shows at once while the chosen mode loads. The fold and RMSNorm are computed in the
// browser only: a link with a million seeded values must not cost the server a second of rendering.
const ModeLoading = () => <div aria-busy="true" className="min-h-96" />;
const ParamsMode = dynamic(() => import("./params-mode").then((mode) => mode.ParamsMode), { loading: ModeLoading });
const FoldMode = dynamic(() => import("./fold-mode").then((mode) => mode.FoldMode), { loading: ModeLoading, ssr: false });
const RmsMode = dynamic(() => import("./rms-mode").then((mode) => mode.RmsMode), { loading: ModeLoading, ssr: false });

const URL_DEBOUNCE_MS = 400;

export function Calculator({ initial, messages }: { initial: CalculatorState; messages: CalculatorMessages }) {
  const [state, setState] = useState(initial);
  const router = useRouter();
  const pathname = usePathname();
  const serialized = useMemo(() => serializeCalculatorState(state), [state]);

  useEffect(() => {
    const timer = setTimeout(() => {
      const target = serialized.query ? `${pathname}?${serialized.query}` : pathname;
      if (target !== `${window.location.pathname}${window.location.search}`) router.replace(target, { scroll: false });
    }, URL_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [serialized.query, pathname, router]);

  const update = <K extends Calc>(calc: K) => (form: CalculatorState[K]) => setState((current) => ({ ...current, [calc]: form }));

  return (
    <div className="space-y-6">
      <Choice
        name="calc"
        legend={messages.calcsLabel}
        value={state.calc}
        options={CALCS.map((value) => ({ value, label: messages.calcs[value] }))}
        onChange={(calc) => setState((current) => ({ ...current, calc }))}
      />
      {serialized.droppedTypedValues ? (
        <p role="note" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-200">
          {messages.linkNote}
        </p>
      ) : null}
      {state.calc === "tensor" ? (
        <TensorMode form={state.tensor} onChange={update("tensor")} messages={messages} />
      ) : state.calc === "params" ? (
        <ParamsMode form={state.params} onChange={update("params")} messages={messages} />
      ) : state.calc === "fold" ? (
        <FoldMode form={state.fold} onChange={update("fold")} messages={messages} />
      ) : (
        <RmsMode form={state.rms} onChange={update("rms")} messages={messages} />
      )}
    </div>
  );
}
