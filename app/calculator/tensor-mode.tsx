"use client";

import { applyPreset, matchingPreset, TENSOR_PRESETS, type TensorPresetId } from "@/lib/calculator/presets";
import type { FieldError } from "@/lib/calculator/tensor";
import { defaultEps, defaultMomentum, type TensorForm } from "@/lib/calculator/url-state";
import type { Framework } from "@/lib/bn";
import { format, type CalculatorMessages } from "@/lib/i18n";
import { Choice, errorText, Flags, SelectField, TextField } from "./fields";
import { TensorResults } from "./tensor-results";
import { useTensorWorker } from "./use-tensor-worker";

type Messages = CalculatorMessages;

function switchFramework(form: TensorForm, framework: Framework): TensorForm {
  // Keep values the user chose; only carry the old framework's defaults over to the new one's.
  const eps = form.eps.trim() === defaultEps(form.framework) ? defaultEps(framework) : form.eps;
  const momentum = form.momentum.trim() === defaultMomentum(form.framework) ? defaultMomentum(framework) : form.momentum;
  return { ...form, framework, eps, momentum };
}

export function TensorMode({ form, onChange, messages }: { form: TensorForm; onChange: (form: TensorForm) => void; messages: Messages }) {
  const { reply, pending } = useTensorWorker(form);
  const set = <K extends keyof TensorForm>(key: K, value: TensorForm[K]) => onChange({ ...form, [key]: value });
  const errors = new Map<string, FieldError>(reply && "outcome" in reply && !reply.outcome.ok ? reply.outcome.errors.map((error) => [error.field, error]) : []);
  const error = (field: string) => {
    const found = errors.get(field);
    return found ? errorText(found, messages) : undefined;
  };
  const pytorch = form.framework === "pytorch";
  const preset = matchingPreset(form);
  const valuesCount = form.source === "typed" ? form.values.split(/[\s,;[\]()]+/).filter(Boolean).length : 0;

  return (
    <div className="space-y-6">
      <form className="space-y-5" onSubmit={(event) => event.preventDefault()} aria-label={messages.calcs.tensor}>
        <div className="grid gap-4 sm:grid-cols-3">
          <Choice
            name="framework"
            legend={messages.framework}
            value={form.framework}
            options={(["pytorch", "keras"] as const).map((value) => ({ value, label: messages.frameworks[value] }))}
            onChange={(framework) => onChange(switchFramework(form, framework))}
          />
          <Choice
            name="mode"
            legend={messages.mode}
            value={form.mode}
            options={(["train", "eval"] as const).map((value) => ({ value, label: messages.modes[value] }))}
            onChange={(mode) => set("mode", mode)}
          />
          <SelectField<TensorPresetId | "">
            id="preset"
            label={messages.preset}
            value={preset ?? ""}
            options={[
              ...(preset ? [] : [{ value: "" as const, label: messages.custom }]),
              ...TENSOR_PRESETS.map((candidate) => ({ value: candidate.id, label: messages.presets[candidate.id] })),
            ]}
            onChange={(id) => {
              if (id) onChange(applyPreset(form, id));
            }}
          />
        </div>

        <div className="grid gap-4 sm:grid-cols-3">
          <TextField id="shape" label={messages.shape} value={form.shape} onChange={(value) => set("shape", value)} help={messages.shapeHelp} error={error("shape")} />
          <div className="sm:col-span-2">
            <Choice
              name="source"
              legend={messages.valuesSource}
              value={form.source}
              options={(["typed", "seed"] as const).map((value) => ({ value, label: messages.sources[value] }))}
              onChange={(source) => set("source", source)}
            />
          </div>
        </div>
        {form.source === "typed" ? (
          <TextField
            id="values"
            label={messages.values}
            value={form.values}
            onChange={(value) => set("values", value)}
            multiline
            help={`${messages.valuesHelp} ${format(messages.valuesCount, { count: valuesCount })}`}
            error={error("values")}
          />
        ) : (
          <TextField id="seed" label={messages.seed} value={form.seed} onChange={(value) => set("seed", value)} inputMode="numeric" error={error("seed")} className="max-w-48" />
        )}

        <div className="grid gap-4 sm:grid-cols-3">
          <TextField id="eps" label={messages.eps} value={form.eps} onChange={(value) => set("eps", value)} inputMode="decimal" error={error("eps")} />
          <TextField
            id="momentum"
            label={messages.momentum}
            value={form.momentum}
            onChange={(value) => set("momentum", value)}
            help={pytorch ? messages.momentumHelpPytorch : messages.momentumHelpKeras}
            error={error("momentum")}
          />
          {pytorch && form.trackRunningStats ? (
            <TextField
              id="numBatchesTracked"
              label={messages.numBatchesTracked}
              value={form.numBatchesTracked}
              onChange={(value) => set("numBatchesTracked", value)}
              inputMode="numeric"
              error={error("numBatchesTracked")}
            />
          ) : null}
        </div>

        <Flags
          legend={messages.flags}
          flags={
            pytorch
              ? [
                  { id: "affine", label: messages.affine, checked: form.affine, onChange: (checked) => set("affine", checked) },
                  { id: "track", label: messages.trackRunningStats, checked: form.trackRunningStats, onChange: (checked) => set("trackRunningStats", checked) },
                ]
              : [
                  { id: "center", label: messages.center, checked: form.center, onChange: (checked) => set("center", checked) },
                  { id: "scale", label: messages.scale, checked: form.scale, onChange: (checked) => set("scale", checked) },
                ]
          }
        />

        <fieldset className="space-y-3">
          <legend className="text-sm font-medium">{messages.statistics}</legend>
          <p className="text-xs text-zinc-600 dark:text-zinc-400">{messages.statisticsHelp}</p>
          <div className="grid gap-4 sm:grid-cols-2">
            {(pytorch ? form.affine : form.scale) ? (
              <TextField id="gamma" label={messages.gamma} value={form.gamma} onChange={(value) => set("gamma", value)} placeholder={messages.defaultOnes} error={error("gamma")} />
            ) : null}
            {(pytorch ? form.affine : form.center) ? (
              <TextField id="beta" label={messages.beta} value={form.beta} onChange={(value) => set("beta", value)} placeholder={messages.defaultZeros} error={error("beta")} />
            ) : null}
            {!pytorch || form.trackRunningStats ? (
              <>
                <TextField
                  id="runningMean"
                  label={pytorch ? messages.runningMean : messages.movingMean}
                  value={form.runningMean}
                  onChange={(value) => set("runningMean", value)}
                  placeholder={messages.defaultZeros}
                  error={error("runningMean")}
                />
                <TextField
                  id="runningVar"
                  label={pytorch ? messages.runningVar : messages.movingVar}
                  value={form.runningVar}
                  onChange={(value) => set("runningVar", value)}
                  placeholder={messages.defaultOnes}
                  error={error("runningVar")}
                />
              </>
            ) : null}
          </div>
        </fieldset>

        <div className="grid gap-4 sm:grid-cols-3">
          <div className="sm:col-span-2">
            <Choice
              name="dySource"
              legend={messages.backward}
              value={form.dySource}
              options={(["none", "typed", "seed"] as const).map((value) => ({ value, label: messages.dySources[value] }))}
              onChange={(dySource) => set("dySource", dySource)}
            />
          </div>
          <TextField id="channel" label={messages.channel} value={form.channel} onChange={(value) => set("channel", value)} inputMode="numeric" error={error("channel")} />
        </div>
        {form.dySource === "typed" ? (
          <TextField id="dy" label={messages.dy} value={form.dy} onChange={(value) => set("dy", value)} multiline error={error("dy")} />
        ) : form.dySource === "seed" ? (
          <TextField id="dySeed" label={messages.dySeed} value={form.dySeed} onChange={(value) => set("dySeed", value)} inputMode="numeric" error={error("dySeed")} className="max-w-48" />
        ) : null}
      </form>

      <section aria-labelledby="results-title" aria-live="polite" aria-busy={pending} className="space-y-3">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="results-title" className="text-xl font-semibold">
            {messages.results}
          </h2>
          <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="compute-status">
            {pending ? messages.computing : reply && "outcome" in reply && reply.outcome.ok ? format(messages.computedIn, { ms: reply.elapsedMs }) : ""}
          </p>
        </div>
        <div className={`transition-opacity ${pending ? "opacity-50" : ""}`} data-stale={pending || undefined}>
          {reply === null ? null : "failure" in reply ? (
            <p role="alert" className="text-red-700 dark:text-red-400">
              {reply.failure}
            </p>
          ) : reply.outcome.ok ? (
            <TensorResults view={reply.outcome.view} messages={messages} />
          ) : (
            <p className="text-zinc-600 dark:text-zinc-400">{messages.fixErrors}</p>
          )}
        </div>
      </section>
    </div>
  );
}
