"use client";

import { formatNumber } from "@/lib/calculator/format";
import { formatTensor } from "@/lib/calculator/summary";
import type { TensorDisplay, TensorView } from "@/lib/calculator/tensor";
import { tensorWorking } from "@/lib/calculator/working";
import { format, type CalculatorMessages } from "@/lib/i18n";
import { Histogram } from "./histogram";
import { Tex } from "./tex";

type Messages = CalculatorMessages;

const cellBase = "border-b border-zinc-200 px-2 py-1 font-mono tabular-nums dark:border-zinc-800";
const headBase = "border-b border-zinc-300 px-2 py-1 font-medium whitespace-nowrap dark:border-zinc-700";
export const cellClass = `${cellBase} text-right`;
export const headClass = `${headBase} text-right`;
export const leftCellClass = `${cellBase} text-left`;
export const leftHeadClass = `${headBase} text-left`;

export function Section({ title, children, id }: { title: string; children: React.ReactNode; id: string }) {
  return (
    <section aria-labelledby={id} className="space-y-3 rounded-xl border border-zinc-200 p-4 dark:border-zinc-800">
      <h3 id={id} className="font-semibold">
        {title}
      </h3>
      {children}
    </section>
  );
}

export function TensorResults({ view, messages }: { view: TensorView; messages: Messages }) {
  const usedText = view.usedBatchStats ? (view.mode === "eval" ? messages.usedBatchEval : messages.usedBatch) : messages.usedRunning;
  return (
    <div className="space-y-4">
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
        <Fact label={messages.shapeLabel} value={view.shape.join("×")} testId="result-shape" />
        <Fact label={messages.channels} value={String(view.channels)} testId="result-channels" />
        <Fact label={messages.valuesPerChannel} value={String(view.valuesPerChannel)} testId="result-values-per-channel" />
      </dl>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{usedText}</p>
      <Working view={view} messages={messages} />
      <ChannelTable view={view} messages={messages} />
      <Section id="tensors-title" title={format("{input} · {xHat} · {output}", messages.tensors)}>
        <div className="grid gap-4 sm:grid-cols-2">
          <TensorBlock name={messages.tensors.input} shown={view.input} shape={view.shape} messages={messages} testId="tensor-input" />
          <TensorBlock name={messages.tensors.xHat} shown={view.xHat} shape={view.shape} messages={messages} testId="tensor-xhat" />
          <TensorBlock name={messages.tensors.output} shown={view.output} shape={view.shape} messages={messages} testId="tensor-output" />
          {view.dy ? <TensorBlock name={messages.tensors.dy} shown={view.dy} shape={view.shape} messages={messages} testId="tensor-dy" /> : null}
          {view.dx ? <TensorBlock name={messages.tensors.dx} shown={view.dx} shape={view.shape} messages={messages} testId="tensor-dx" /> : null}
        </div>
      </Section>
    </div>
  );
}

export function Fact({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="rounded-lg bg-zinc-50 p-3 dark:bg-zinc-900">
      <dt className="text-xs text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className="font-mono text-lg font-semibold tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

function Working({ view, messages }: { view: TensorView; messages: Messages }) {
  const lines = tensorWorking(view);
  return (
    <Section id="working-title" title={format(messages.working, { channel: view.channel })}>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{format(messages.workingNote, { channel: view.channel })}</p>
      <ol className="space-y-2">
        {lines.map((line) => (
          <li key={line.step} className="grid gap-0.5" data-testid="working-line">
            <span className="text-xs font-medium text-zinc-600 dark:text-zinc-400">{messages.steps[line.step]}</span>
            <Tex tex={line.tex} display />
          </li>
        ))}
      </ol>
    </Section>
  );
}

function ChannelTable({ view, messages }: { view: TensorView; messages: Messages }) {
  const { stats, running, gradients } = view;
  const columns = messages.columns;
  const shown = stats.batchMean.length;
  const f = (value: number | undefined) => (value === undefined ? "—" : formatNumber(value));
  return (
    <Section id="channels-title" title={messages.perChannel}>
      {shown < view.channels ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{format(messages.perChannelNote, { shown, total: view.channels })}</p>
      ) : null}
      {running ? null : <p className="text-sm text-zinc-600 dark:text-zinc-400">{messages.noRunning}</p>}
      <div className="max-h-96 overflow-auto">
        <table className="w-full border-collapse text-sm" data-testid="channel-table">
          <thead className="sticky top-0 bg-white dark:bg-zinc-950">
            <tr>
              <th scope="col" className={headClass}>{columns.channel}</th>
              <th scope="col" className={headClass}>{columns.mean}</th>
              <th scope="col" className={headClass}>{columns.variance}</th>
              {stats.batchUnbiasedVar ? <th scope="col" className={headClass}>{columns.unbiased}</th> : null}
              <th scope="col" className={headClass}>{columns.invStd}</th>
              {stats.gamma ? <th scope="col" className={headClass}>{columns.gamma}</th> : null}
              {stats.beta ? <th scope="col" className={headClass}>{columns.beta}</th> : null}
              {running ? (
                <>
                  <th scope="col" className={headClass}>{columns.runningMeanBefore}</th>
                  <th scope="col" className={headClass}>{columns.runningMeanAfter}</th>
                  <th scope="col" className={headClass}>{columns.runningVarBefore}</th>
                  <th scope="col" className={headClass}>{columns.runningVarAfter}</th>
                </>
              ) : null}
              {gradients?.dgamma ? <th scope="col" className={headClass}>{columns.dgamma}</th> : null}
              {gradients?.dbeta ? <th scope="col" className={headClass}>{columns.dbeta}</th> : null}
            </tr>
          </thead>
          <tbody>
            {stats.batchMean.map((mean, c) => (
              <tr key={c} className={c === view.channel ? "bg-accent-50 dark:bg-accent-700/20" : undefined}>
                <th scope="row" className={cellClass}>{c}</th>
                <td className={cellClass}>{f(mean)}</td>
                <td className={cellClass}>{f(stats.batchVar[c])}</td>
                {stats.batchUnbiasedVar ? <td className={cellClass}>{f(stats.batchUnbiasedVar[c])}</td> : null}
                <td className={cellClass}>{f(stats.invStd[c])}</td>
                {stats.gamma ? <td className={cellClass}>{f(stats.gamma[c])}</td> : null}
                {stats.beta ? <td className={cellClass}>{f(stats.beta[c])}</td> : null}
                {running ? (
                  <>
                    <td className={cellClass}>{f(running.meanBefore[c])}</td>
                    <td className={cellClass}>{f(running.meanAfter[c])}</td>
                    <td className={cellClass}>{f(running.varBefore[c])}</td>
                    <td className={cellClass}>{f(running.varAfter[c])}</td>
                  </>
                ) : null}
                {gradients?.dgamma ? <td className={cellClass}>{f(gradients.dgamma[c])}</td> : null}
                {gradients?.dbeta ? <td className={cellClass}>{f(gradients.dbeta[c])}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {running && running.numBatchesTrackedBefore !== null ? (
        <p className="font-mono text-sm">
          num_batches_tracked: {running.numBatchesTrackedBefore} → {running.numBatchesTrackedAfter}
        </p>
      ) : null}
    </Section>
  );
}

export function TensorBlock({
  name,
  shown,
  shape,
  messages,
  testId,
}: {
  name: string;
  shown: TensorDisplay;
  shape: number[];
  messages: Messages;
  testId: string;
}) {
  return (
    <figure className="min-w-0 space-y-1" data-testid={testId}>
      <figcaption className="text-sm font-medium">{name}</figcaption>
      {shown.kind === "full" ? (
        <pre className="max-h-72 overflow-auto rounded-md bg-zinc-50 p-2 font-mono text-xs dark:bg-zinc-900">
          {formatTensor(shown.values, shape, (value) => formatNumber(value))}
        </pre>
      ) : (
        <div className="space-y-2 rounded-md bg-zinc-50 p-2 text-xs dark:bg-zinc-900">
          <dl className="grid grid-cols-4 gap-1 font-mono tabular-nums">
            {(["min", "max", "mean", "std"] as const).map((key) => (
              <div key={key}>
                <dt className="text-zinc-600 dark:text-zinc-400">{messages.stats[key]}</dt>
                <dd>{formatNumber(shown.summary[key], 4)}</dd>
              </div>
            ))}
          </dl>
          <p className="font-mono break-all">
            <span className="text-zinc-600 dark:text-zinc-400">{messages.stats.first}: </span>
            {shown.summary.head.map((value) => formatNumber(value, 4)).join(", ")}, …
          </p>
          <Histogram
            histogram={shown.summary.histogram}
            label={format(messages.histogramLabel, {
              name,
              count: shown.summary.count,
              min: formatNumber(shown.summary.min, 4),
              max: formatNumber(shown.summary.max, 4),
            })}
          />
        </div>
      )}
    </figure>
  );
}
