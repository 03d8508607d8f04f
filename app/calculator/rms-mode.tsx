"use client";

import { useMemo } from "react";
import type { Framework } from "@/lib/bn";
import { formatNumber } from "@/lib/calculator/format";
import { computeRms, RMS_TABLE_ROWS, type RmsView } from "@/lib/calculator/rms";
import { tensorDisplay } from "@/lib/calculator/tensor";
import type { RmsForm } from "@/lib/calculator/url-state";
import { rmsWorking } from "@/lib/calculator/working";
import { format, type CalculatorMessages } from "@/lib/i18n";
import { Choice, errorText, Flags, TextField } from "./fields";
import { cellClass, Fact, headClass, Section, TensorBlock } from "./tensor-results";
import { Tex } from "./tex";

type Messages = CalculatorMessages;

function switchFramework(form: RmsForm, framework: Framework): RmsForm {
  // "None" is PyTorch's spelling of the default; Keras's default is its own 1e-6.
  const eps = form.eps.trim().toLowerCase() === "none" ? "" : form.eps;
  return { ...form, framework, eps };
}

export function RmsMode({ form, onChange, messages }: { form: RmsForm; onChange: (form: RmsForm) => void; messages: Messages }) {
  const outcome = useMemo(() => computeRms(form), [form]);
  const set = <K extends keyof RmsForm>(key: K, value: RmsForm[K]) => onChange({ ...form, [key]: value });
  const error = (field: string) => {
    const found = outcome.ok ? undefined : outcome.errors.find((candidate) => candidate.field === field);
    return found ? errorText(found, messages) : undefined;
  };
  const { framework } = form;
  const pytorch = framework === "pytorch";

  return (
    <div className="space-y-6">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{messages.rmsLead}</p>
      <form className="space-y-5" onSubmit={(event) => event.preventDefault()} aria-label={messages.calcs.rms}>
        <div className="grid gap-4 sm:grid-cols-3">
          <Choice
            name="rms-framework"
            legend={messages.framework}
            value={framework}
            options={(["pytorch", "keras"] as const).map((value) => ({ value, label: messages.frameworks[value] }))}
            onChange={(next) => onChange(switchFramework(form, next))}
          />
          <TextField
            id="rms-shape"
            label={messages.shape}
            value={form.shape}
            onChange={(value) => set("shape", value)}
            help={pytorch ? messages.rmsShapeHelpPytorch : messages.rmsShapeHelpKeras}
            error={error("shape")}
          />
          <Choice
            name="rms-source"
            legend={messages.valuesSource}
            value={form.source}
            options={(["typed", "seed"] as const).map((value) => ({ value, label: messages.sources[value] }))}
            onChange={(source) => set("source", source)}
          />
        </div>
        {form.source === "typed" ? (
          <TextField id="rms-values" label={messages.values} value={form.values} onChange={(value) => set("values", value)} multiline help={messages.valuesHelp} error={error("values")} />
        ) : (
          <TextField id="rms-seed" label={messages.seed} value={form.seed} onChange={(value) => set("seed", value)} inputMode="numeric" error={error("seed")} className="max-w-48" />
        )}
        <div className="grid gap-4 sm:grid-cols-3">
          {pytorch ? (
            <TextField
              id="rms-normalized-shape"
              label={messages.normalizedShape}
              value={form.normalizedShape}
              onChange={(value) => set("normalizedShape", value)}
              help={messages.rmsNormalizedShapeHelp}
              error={error("normalizedShape")}
            />
          ) : null}
          <TextField
            id="rms-eps"
            label={messages.eps}
            value={form.eps}
            onChange={(value) => set("eps", value)}
            inputMode="decimal"
            placeholder={messages.rmsEpsPlaceholder[framework]}
            help={pytorch ? messages.rmsEpsHelpPytorch : messages.rmsEpsHelpKeras}
            error={error("eps")}
          />
          {!pytorch || form.elementwiseAffine ? (
            <TextField
              id="rms-weight"
              label={messages.rmsWeight[framework]}
              value={form.weight}
              onChange={(value) => set("weight", value)}
              placeholder={messages.defaultOnes}
              help={messages.rmsWeightHelp[framework]}
              error={error("weight")}
            />
          ) : null}
        </div>
        {pytorch ? (
          <Flags
            legend={messages.flags}
            flags={[{ id: "rms-affine", label: messages.rmsElementwiseAffine, checked: form.elementwiseAffine, onChange: (checked) => set("elementwiseAffine", checked) }]}
          />
        ) : null}
      </form>

      <section aria-labelledby="rms-results-title" aria-live="polite" className="space-y-4">
        <h2 id="rms-results-title" className="text-xl font-semibold">
          {messages.results}
        </h2>
        {outcome.ok ? <RmsResults view={outcome.view} messages={messages} /> : <p className="text-zinc-600 dark:text-zinc-400">{messages.fixErrors}</p>}
      </section>
    </div>
  );
}

function RmsResults({ view, messages }: { view: RmsView; messages: Messages }) {
  const { result } = view;
  const lines = rmsWorking(view);
  const shownRows = Math.min(result.rows, RMS_TABLE_ROWS);
  return (
    <div className="space-y-4">
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Fact label={messages.shapeLabel} value={result.shape.join("×")} testId="rms-result-shape" />
        <Fact label={messages.rmsRows} value={String(result.rows)} testId="rms-result-rows" />
        <Fact label={messages.rmsValuesPerRow} value={String(result.valuesPerRow)} testId="rms-result-values-per-row" />
        <Fact label={messages.rmsEpsUsed} value={formatNumber(result.eps)} testId="rms-eps-used" />
      </dl>
      {view.defaultEps ? <p className="text-sm text-zinc-600 dark:text-zinc-400">{messages.rmsEpsDefault[result.framework]}</p> : null}
      <Section id="rms-working-title" title={messages.rmsWorking}>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {messages.rmsWorkingNote}
          {view.rowInput.length < result.valuesPerRow ? ` ${format(messages.rmsWorkingCut, { shown: view.rowInput.length, total: result.valuesPerRow })}` : null}
        </p>
        <ol className="space-y-2" data-testid="rms-working">
          {lines.map((line, index) => (
            <li key={index} className="grid min-w-0 gap-0.5">
              {line.step !== lines[index - 1]?.step ? <span className="text-xs font-medium text-zinc-600 dark:text-zinc-400">{messages.steps[line.step]}</span> : null}
              <Tex tex={line.tex} wrap />
            </li>
          ))}
        </ol>
      </Section>
      <Section id="rms-rows-title" title={messages.rmsPerRow}>
        {shownRows < result.rows ? <p className="text-sm text-zinc-600 dark:text-zinc-400">{format(messages.rmsPerRowNote, { shown: shownRows, total: result.rows })}</p> : null}
        <div className="max-h-96 overflow-auto">
          <table className="w-full border-collapse text-sm" data-testid="rms-table">
            <thead className="sticky top-0 bg-white dark:bg-zinc-950">
              <tr>
                <th scope="col" className={headClass}>{messages.rmsColumns.row}</th>
                <th scope="col" className={headClass}>{messages.rmsColumns.meanSquare}</th>
                <th scope="col" className={headClass}>{messages.rmsColumns.invRms}</th>
              </tr>
            </thead>
            <tbody>
              {result.meanSquare.slice(0, shownRows).map((meanSquare, row) => (
                <tr key={row}>
                  <th scope="row" className={cellClass}>{row}</th>
                  <td className={cellClass}>{formatNumber(meanSquare)}</td>
                  <td className={cellClass}>{formatNumber(result.invRms[row]!)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>
      <div className="grid gap-4 sm:grid-cols-2">
        <TensorBlock name={messages.tensors.input} shown={tensorDisplay(view.input)} shape={result.shape} messages={messages} testId="rms-input" />
        <TensorBlock name={messages.tensors.output} shown={tensorDisplay(result.output)} shape={result.shape} messages={messages} testId="rms-output" />
      </div>
    </div>
  );
}
