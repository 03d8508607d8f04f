"use client";

import { useMemo } from "react";
import { computeFold, type FoldView } from "@/lib/calculator/fold";
import { formatNumber } from "@/lib/calculator/format";
import { tensorDisplay } from "@/lib/calculator/tensor";
import type { FoldForm } from "@/lib/calculator/url-state";
import { foldWorking } from "@/lib/calculator/working";
import type { CalculatorMessages } from "@/lib/i18n";
import { Choice, errorText, TextField } from "./fields";
import { cellClass, headClass, Section, TensorBlock } from "./tensor-results";
import { Tex } from "./tex";

type Messages = CalculatorMessages;

export function FoldMode({ form, onChange, messages }: { form: FoldForm; onChange: (form: FoldForm) => void; messages: Messages }) {
  const outcome = useMemo(() => computeFold(form), [form]);
  const set = <K extends keyof FoldForm>(key: K, value: FoldForm[K]) => onChange({ ...form, [key]: value });
  const error = (field: string) => {
    const found = outcome.ok ? undefined : outcome.errors.find((candidate) => candidate.field === field);
    return found ? errorText(found, messages) : undefined;
  };
  const vectorField = (field: "bias" | "gamma" | "beta" | "runningMean" | "runningVar", label: string, help?: string, placeholder?: string) => (
    <TextField id={`fold-${field}`} label={label} value={form[field]} onChange={(value) => set(field, value)} help={help} placeholder={placeholder} error={error(field)} />
  );

  return (
    <div className="space-y-6">
      <form className="space-y-5" onSubmit={(event) => event.preventDefault()} aria-label={messages.calcs.fold}>
        <div className="grid gap-4 sm:grid-cols-3">
          <Choice
            name="kind"
            legend={messages.foldKind}
            value={form.kind}
            options={(["conv", "linear"] as const).map((value) => ({ value, label: messages.kinds[value] }))}
            onChange={(kind) => set("kind", kind)}
          />
          <TextField
            id="weightShape"
            label={messages.weightShape}
            value={form.weightShape}
            onChange={(value) => set("weightShape", value)}
            help={form.kind === "conv" ? messages.weightShapeHelpConv : messages.weightShapeHelpLinear}
            error={error("weightShape")}
          />
          <Choice
            name="weightSource"
            legend={messages.weightSource}
            value={form.source}
            options={(["typed", "seed"] as const).map((value) => ({ value, label: messages.sources[value] }))}
            onChange={(source) => set("source", source)}
          />
        </div>
        {form.source === "typed" ? (
          <TextField id="weight" label={messages.weight} value={form.weight} onChange={(value) => set("weight", value)} multiline help={messages.valuesHelp} error={error("weight")} />
        ) : (
          <TextField id="fold-seed" label={messages.seed} value={form.seed} onChange={(value) => set("seed", value)} inputMode="numeric" error={error("seed")} className="max-w-48" />
        )}
        <div className="grid gap-4 sm:grid-cols-3">
          {vectorField("bias", messages.bias, messages.biasHelp)}
          {vectorField("gamma", messages.gamma, undefined, messages.defaultOnes)}
          {vectorField("beta", messages.beta, undefined, messages.defaultZeros)}
          {vectorField("runningMean", messages.runningMean, undefined, messages.defaultZeros)}
          {vectorField("runningVar", messages.runningVar, undefined, messages.defaultOnes)}
          <TextField id="fold-eps" label={messages.eps} value={form.eps} onChange={(value) => set("eps", value)} inputMode="decimal" error={error("eps")} />
        </div>
      </form>

      <section aria-labelledby="fold-results-title" aria-live="polite" className="space-y-4">
        <h2 id="fold-results-title" className="text-xl font-semibold">
          {messages.results}
        </h2>
        {outcome.ok ? <FoldResults view={outcome.view} messages={messages} /> : <p className="text-zinc-600 dark:text-zinc-400">{messages.fixErrors}</p>}
      </section>
    </div>
  );
}

function FoldResults({ view, messages }: { view: FoldView; messages: Messages }) {
  const [formula, ...channelZero] = foldWorking(view, 0);
  const { result } = view;
  return (
    <div className="space-y-4">
      <Section id="fold-working-title" title={messages.foldFormula}>
        <Tex tex={formula!} display />
        {channelZero.map((tex) => (
          <Tex key={tex} tex={tex} display />
        ))}
      </Section>
      <Section id="fold-table-title" title={messages.foldedBias}>
        <div className="max-h-96 overflow-auto">
          <table className="w-full border-collapse text-sm" data-testid="fold-table">
            <thead>
              <tr>
                <th scope="col" className={headClass}>{messages.foldColumns.channel}</th>
                <th scope="col" className={headClass}>{messages.foldColumns.scale}</th>
                <th scope="col" className={headClass}>{messages.foldColumns.bias}</th>
              </tr>
            </thead>
            <tbody>
              {result.bias.slice(0, 256).map((bias, c) => (
                <tr key={c}>
                  <th scope="row" className={cellClass}>{c}</th>
                  <td className={cellClass}>{formatNumber(result.scale[c]!)}</td>
                  <td className={cellClass}>{formatNumber(bias)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>
      <div className="grid gap-4 sm:grid-cols-2">
        <TensorBlock name={messages.weight} shown={tensorDisplay(view.weight)} shape={result.weightShape} messages={messages} testId="fold-weight" />
        <TensorBlock name={messages.foldedWeight} shown={tensorDisplay(result.weight)} shape={result.weightShape} messages={messages} testId="fold-folded-weight" />
      </div>
    </div>
  );
}
