"use client";

import dynamic from "next/dynamic";
import Link from "next/link";
import { useEffect, useMemo, useState } from "react";
import { CardHtml } from "@/app/ui/cards/card-sides";
import { NumbersTable } from "@/app/ui/numbers-table";
import type { LabCardLink } from "@/lib/cards/queries";
import {
  ARCHITECTURES,
  DATA,
  DATASETS,
  draftOf,
  EXPERIMENT_IDS,
  EXPERIMENTS,
  experimentDefaults,
  experimentPanels,
  isExperimentId,
  isFinished,
  NORMS,
  readSetup,
  serializeSetup,
  type ExperimentId,
  type FieldError,
  type LabDraft,
  type LabSetup,
  type Panel,
  type SetupField,
  type SetupReading,
  type Table,
} from "@/lib/experiments";
import { format, type LabMessages } from "@/lib/i18n";
import { SelectField, TextField } from "./fields";
import { useLabWorker } from "./use-lab-worker";

const LabChart = dynamic(() => import("./lab-chart").then((module) => module.LabChart), {
  ssr: false,
  loading: () => <div className="h-64 animate-pulse rounded-md bg-zinc-100 dark:bg-zinc-900" />,
});

/** A valid change starts its run after this pause, so typing "0.05" does not start three runs. */
const ACCEPT_DELAY_MS = 300;

const buttonClass =
  "rounded-md px-4 py-2 text-sm font-medium disabled:cursor-not-allowed disabled:opacity-50 border border-zinc-300 bg-white hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800";
const primaryClass = "rounded-md bg-accent-600 px-4 py-2 text-sm font-medium text-white hover:bg-accent-700 disabled:cursor-not-allowed disabled:opacity-50";

export function Lab({ initial, messages, cards }: { initial: SetupReading; messages: LabMessages; cards: Record<ExperimentId, LabCardLink[]> }) {
  const [draft, setDraft] = useState<LabDraft>(initial.draft);
  const [errors, setErrors] = useState<FieldError[]>(initial.errors);
  const [setup, setSetup] = useState<LabSetup>(initial.setup);
  const [candidate, setCandidate] = useState<LabSetup | null>(null);
  const [paused, setPaused] = useState(false);
  // The page opened on a link with settings the lab cannot run; it runs the nearest good setup instead.
  const [fromLink, setFromLink] = useState(initial.errors.length > 0);
  const { run, start, control } = useLabWorker(initial.setup, false);
  const definition = EXPERIMENTS[setup.experiment];
  const shownExperiment = isExperimentId(draft.experiment) ? draft.experiment : setup.experiment;
  const shownDefinition = EXPERIMENTS[shownExperiment];

  useEffect(() => {
    if (!candidate) return;
    const timer = setTimeout(() => {
      setCandidate(null);
      const query = serializeSetup(candidate);
      if (query === serializeSetup(setup)) return;
      setSetup(candidate);
      start(candidate, paused);
      // The native history API updates the address without a server round trip (Next keeps its router in step).
      window.history.replaceState(null, "", `${window.location.pathname}?${query}`);
    }, ACCEPT_DELAY_MS);
    return () => clearTimeout(timer);
  }, [candidate, setup, paused, start]);

  function change(field: SetupField, text: string) {
    let next: LabDraft = { ...draft, [field]: text };
    if (field === "experiment" && isExperimentId(text)) {
      // Each experiment opens at its own defaults (sized to train in seconds), on the same data, network and seed.
      next = { ...draftOf(experimentDefaults(text)), dataset: draft.dataset, architecture: draft.architecture, seed: draft.seed };
    }
    setDraft(next);
    setFromLink(false);
    const reading = readSetup(next);
    setErrors(reading.errors);
    setCandidate(reading.errors.length === 0 ? reading.setup : null);
  }

  const errorOf = (field: SetupField) => {
    const error = errors.find((candidateError) => candidateError.field === field);
    return error ? format(messages.errors[error.code], error.params) : undefined;
  };

  const text = (field: SetupField, help?: string) => (
    <TextField id={`lab-${field}`} label={messages.fields[field]} value={draft[field]} onChange={(value) => change(field, value)} help={help} error={errorOf(field)} />
  );
  const select = (field: SetupField, options: readonly { value: string; label: string }[], help?: string) => (
    <SelectField id={`lab-${field}`} label={messages.fields[field]} value={draft[field]} options={options} onChange={(value) => change(field, value)} help={help} error={errorOf(field)} />
  );
  const reads = (field: SetupField) => shownDefinition.fields.includes(field);
  const datasetSize = DATA[isDatasetChoice(draft.dataset) ? draft.dataset : setup.dataset].trainSize;

  const totalSteps = run.traces.reduce((sum, trace) => sum + trace.plan.totalSteps, 0);
  const doneSteps = run.traces.reduce((sum, trace) => sum + (isFinished(trace) ? trace.plan.totalSteps : trace.steps), 0);
  const percent = totalSteps === 0 ? 100 : Math.floor((100 * doneSteps) / totalSteps);
  const phase = run.failure ? "failed" : run.done ? "done" : paused ? "paused" : "running";
  const statusText =
    phase === "failed"
      ? format(messages.runs.failed, { message: run.failure ?? "" })
      : phase === "done"
        ? format(messages.status.done, { steps: totalSteps })
        : format(phase === "paused" ? messages.status.paused : messages.status.running, { percent, steps: totalSteps });

  const panels = useMemo(() => experimentPanels(setup.experiment, run.traces, messages, setup.batch), [setup, run.traces, messages]);

  function play() {
    setPaused(false);
    if (run.done) start(setup, false);
    else control("play");
  }
  function pause() {
    setPaused(true);
    control("pause");
  }
  function step() {
    setPaused(true);
    control("step");
  }

  const about = messages.experiments[setup.experiment];
  return (
    <div className="space-y-6">
      <section aria-labelledby="lab-settings-title" className="space-y-4 rounded-xl border border-zinc-200 p-4 dark:border-zinc-800">
        <h2 id="lab-settings-title" className="text-lg font-semibold">
          {messages.settings}
        </h2>
        {select(
          "experiment",
          EXPERIMENT_IDS.map((id) => ({ value: id, label: messages.experiments[id].name })),
        )}
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {select(
            "dataset",
            DATASETS.map((value) => ({ value, label: messages.datasets[value] })),
          )}
          {select(
            "architecture",
            ARCHITECTURES.map((value) => ({ value, label: messages.architectures[value] })),
          )}
          {shownDefinition.fixedNorm ? (
            <SelectField
              id="lab-norm"
              label={messages.fields.norm}
              value={shownDefinition.fixedNorm}
              options={[{ value: shownDefinition.fixedNorm, label: messages.norms[shownDefinition.fixedNorm] }]}
              onChange={() => undefined}
              help={messages.help.normFixed}
              disabled
            />
          ) : reads("norm") ? (
            select(
              "norm",
              NORMS.map((value) => ({ value, label: messages.norms[value] })),
              shownDefinition.needsNorm && shownExperiment !== "placement" ? messages.help.normCompared : undefined,
            )
          ) : null}
          {reads("groups") && (shownExperiment === "small-batches" || draft.norm === "group") ? text("groups") : null}
          {reads("lr") ? text("lr", shownExperiment === "small-batches" ? messages.help.lrSmallBatches : undefined) : null}
          {reads("lrs") ? text("lrs", messages.help.lrs) : null}
          {reads("batch") ? text("batch", format(messages.help.batch, { size: datasetSize })) : null}
          {reads("batches") ? text("batches", messages.help.batches) : null}
          {reads("momenta") ? text("momenta", messages.help.momenta) : null}
          {reads("dropout") ? text("dropout", messages.help.dropout) : null}
          {text("epochs")}
          {text("seed", messages.help.seed)}
        </div>
        {errors.length > 0 ? (
          <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-200">
            {fromLink ? messages.fallback : messages.invalid}
          </p>
        ) : null}
      </section>

      <section aria-labelledby="lab-experiment-title" className="space-y-3">
        <h2 id="lab-experiment-title" className="text-xl font-semibold">
          {about.name}
        </h2>
        <dl className="space-y-3">
          {(["question", "lookFor", "meaning"] as const).map((part) => (
            <div key={part}>
              <dt className="text-sm font-semibold text-zinc-600 dark:text-zinc-400">{messages.about[part]}</dt>
              <dd className="leading-relaxed">{about[part]}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="lab-controls-title" className="flex flex-wrap items-center gap-3 rounded-xl border border-zinc-200 p-4 dark:border-zinc-800">
        <h2 id="lab-controls-title" className="sr-only">
          {messages.controls.label}
        </h2>
        {phase === "running" ? (
          <button type="button" onClick={pause} className={primaryClass}>
            {messages.controls.pause}
          </button>
        ) : (
          <button type="button" onClick={play} className={primaryClass} disabled={phase === "failed"}>
            {messages.controls.play}
          </button>
        )}
        <button type="button" onClick={step} className={buttonClass} disabled={phase === "done" || phase === "failed"} title={messages.controls.stepHelp}>
          {messages.controls.step}
        </button>
        <button type="button" onClick={() => start(setup, paused)} className={buttonClass}>
          {messages.controls.restart}
        </button>
        <div className="flex min-w-48 flex-1 items-center gap-3">
          <progress value={doneSteps} max={Math.max(1, totalSteps)} aria-label={messages.controls.label} className="h-2 flex-1 accent-accent-600" />
          <p className="text-sm text-zinc-700 tabular-nums dark:text-zinc-300" data-testid="lab-status" data-phase={phase}>
            {statusText}
          </p>
        </div>
        <p role="status" className="sr-only">
          {phase === "running" ? "" : statusText}
        </p>
      </section>

      <section aria-labelledby="lab-results-title" aria-busy={phase === "running"} className="space-y-4" data-testid="lab-results" data-experiment={definition.id}>
        <h2 id="lab-results-title" className="text-xl font-semibold">
          {messages.results}
        </h2>
        {panels.map((panel) => (
          <PanelView key={`${setup.experiment}-${panel.id}`} panel={panel} messages={messages} />
        ))}
      </section>

      <section aria-labelledby="lab-cards-title" className="space-y-3">
        <h2 id="lab-cards-title" className="text-lg font-semibold">
          {messages.cards.title}
        </h2>
        {cards[setup.experiment].length === 0 ? (
          <p className="text-zinc-600 dark:text-zinc-400">{messages.cards.none}</p>
        ) : (
          <ul className="divide-y divide-zinc-200 rounded-xl border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800" data-testid="lab-cards">
            {cards[setup.experiment].map((card) => (
              <li key={card.id} className="relative p-4 hover:bg-zinc-50 dark:hover:bg-zinc-900">
                <Link href={`/cards/${card.id}`} className="block font-medium after:absolute after:inset-0">
                  <CardHtml html={card.question} />
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function isDatasetChoice(value: string): value is LabSetup["dataset"] {
  return (DATASETS as readonly string[]).includes(value);
}

function PanelView({ panel, messages }: { panel: Panel; messages: LabMessages }) {
  const titleId = `panel-${panel.id}-title`;
  return (
    <section aria-labelledby={titleId} className="space-y-3 rounded-xl border border-zinc-200 p-4 dark:border-zinc-800" data-testid={`panel-${panel.id}`}>
      <h3 id={titleId} className="font-semibold">
        {panel.title}
      </h3>
      {panel.note ? <p className="text-sm text-zinc-600 dark:text-zinc-400">{panel.note}</p> : null}
      {panel.chart ? (
        <>
          <figure className="text-zinc-600 dark:text-zinc-400" data-testid="lab-chart">
            <LabChart spec={panel.chart} title={panel.title} />
          </figure>
          <details className="text-sm">
            <summary className="cursor-pointer rounded-sm py-1 font-medium text-accent-700 dark:text-accent-300">{messages.charts.showTable}</summary>
            <DataTable table={panel.table} testId={`table-${panel.id}`} labelledBy={titleId} />
          </details>
        </>
      ) : (
        <DataTable table={panel.table} testId={`table-${panel.id}`} labelledBy={titleId} />
      )}
    </section>
  );
}

function DataTable({ table, testId, labelledBy }: { table: Table; testId: string; labelledBy: string }) {
  return (
    // Focusable, so a keyboard can scroll a long or wide table.
    <div className="mt-2 max-h-96 overflow-auto" tabIndex={0} role="region" aria-labelledby={labelledBy}>
      <NumbersTable head={table.head} rows={table.rows} rowKeys={table.keys} testId={testId} noWrap />
    </div>
  );
}
