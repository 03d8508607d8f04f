"use client";

import { useState } from "react";
import { CardHtml } from "@/app/ui/cards/card-sides";
import type { FeedbackView, QuestionResponse, QuestionView } from "@/lib/practice";
import type { Messages } from "@/lib/i18n";

/** The answer forms of mcq and numeric questions and their feedback, shared by quizzes and the study screen. */
type Labels = Messages["quiz"];

const primary = "rounded-lg px-5 py-2.5 font-medium disabled:opacity-60 bg-accent-600 text-white hover:bg-accent-700";
const VERDICT_STYLES = {
  true: "border-emerald-500 bg-emerald-50 dark:bg-emerald-950/40",
  false: "border-red-500 bg-red-50 dark:bg-red-950/40",
  null: "border-transparent bg-zinc-50 dark:bg-zinc-900",
} as const;

export function McqAnswer({
  view,
  labels,
  feedback,
  onSubmit,
  disabled,
}: {
  view: Extract<QuestionView, { kind: "mcq" }>;
  labels: Labels;
  feedback: FeedbackView | null;
  onSubmit: (response: QuestionResponse) => void;
  disabled: boolean;
}) {
  const [chosen, setChosen] = useState<string[]>([]);
  const [missing, setMissing] = useState(false);
  const explained = feedback?.kind === "mcq" ? feedback : null;
  const byId = new Map(explained?.options.map((option) => [option.id, option]));
  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        if (chosen.length === 0) return setMissing(true);
        onSubmit({ kind: "mcq", chosen });
      }}
    >
      <fieldset className="space-y-2" aria-describedby={missing ? "mcq-missing" : undefined} disabled={explained !== null}>
        <legend className="sr-only">{view.multiple ? labels.chooseOptions : labels.chooseOption}</legend>
        {view.options.map((option) => {
          const verdict = byId.get(option.id);
          const tone = !verdict
            ? "border-zinc-300 dark:border-zinc-700"
            : verdict.correct
              ? "border-emerald-500 bg-emerald-50 dark:bg-emerald-950/40"
              : verdict.chosen
                ? "border-red-500 bg-red-50 dark:bg-red-950/40"
                : "border-zinc-300 dark:border-zinc-700";
          return (
            <div key={option.id} className={`rounded-lg border-2 p-3 ${tone}`} data-testid="mcq-option" data-correct={verdict ? String(verdict.correct) : undefined}>
              <label className="flex cursor-pointer items-start gap-3">
                <input
                  type={view.multiple ? "checkbox" : "radio"}
                  name="option"
                  value={option.id}
                  checked={chosen.includes(option.id)}
                  onChange={(event) => {
                    setMissing(false);
                    setChosen(view.multiple ? (event.target.checked ? [...chosen, option.id] : chosen.filter((id) => id !== option.id)) : [option.id]);
                  }}
                  className="mt-1.5 size-4 shrink-0 accent-accent-600"
                />
                <CardHtml html={option.html} />
              </label>
              {verdict?.why && !verdict.correct && (
                <div className="mt-2 pl-7 text-sm">
                  <span className="font-semibold">{labels.whyWrong}: </span>
                  <CardHtml html={verdict.why} className="inline" />
                </div>
              )}
            </div>
          );
        })}
      </fieldset>
      {missing && (
        <p id="mcq-missing" role="alert" className="text-sm text-red-700 dark:text-red-400">
          {view.multiple ? labels.chooseOptions : labels.chooseOption}
        </p>
      )}
      {explained ? (
        <section className="space-y-2">
          <h2 className="text-sm font-semibold text-zinc-600 uppercase dark:text-zinc-400">{labels.explanation}</h2>
          <CardHtml html={explained.explanation} />
        </section>
      ) : (
        <button type="submit" disabled={disabled} className={primary}>
          {labels.submit}
        </button>
      )}
    </form>
  );
}

export function NumericAnswer({
  labels,
  feedback,
  error,
  onSubmit,
  disabled,
  autoFocus = false,
}: {
  labels: Labels;
  feedback: FeedbackView | null;
  error: string | null;
  onSubmit: (response: QuestionResponse) => void;
  disabled: boolean;
  autoFocus?: boolean;
}) {
  const [text, setText] = useState("");
  const explained = feedback?.kind === "numeric" ? feedback : null;
  return (
    <form
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit({ kind: "numeric", text });
      }}
    >
      <div className="grid gap-1">
        <label htmlFor="numeric-answer" className="font-medium">
          {labels.yourAnswer}
        </label>
        <div className="flex flex-wrap gap-2">
          <input
            id="numeric-answer"
            type="text"
            inputMode="decimal"
            autoComplete="off"
            autoFocus={autoFocus}
            value={text}
            onChange={(event) => setText(event.target.value)}
            readOnly={explained !== null}
            placeholder={labels.numberPlaceholder}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "numeric-error" : undefined}
            className="w-full min-w-0 rounded-md border border-zinc-300 bg-white px-3 py-2 font-mono aria-invalid:border-red-600 sm:w-80 dark:border-zinc-700 dark:bg-zinc-900"
          />
          {!explained && (
            <button type="submit" disabled={disabled} className={primary}>
              {labels.submit}
            </button>
          )}
        </div>
        <p id="numeric-error" aria-live="polite" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      </div>
      {explained && (
        <section className="space-y-3" data-testid="numeric-feedback">
          <dl className="grid gap-2 sm:grid-cols-2">
            <div className="rounded-lg bg-zinc-50 p-3 dark:bg-zinc-900">
              <dt className="text-sm text-zinc-600 dark:text-zinc-400">{labels.expected}</dt>
              <dd className="font-mono text-lg" data-testid="expected-value">
                {explained.expectedText}
              </dd>
            </div>
            <div
              className={`rounded-lg border-2 p-3 ${VERDICT_STYLES[String(explained.correct) as keyof typeof VERDICT_STYLES]}`}
              data-testid="given"
              data-correct={explained.correct === null ? undefined : String(explained.correct)}
            >
              <dt className="text-sm text-zinc-600 dark:text-zinc-400">{labels.given}</dt>
              <dd className="font-mono text-lg" data-testid="given-value">
                {explained.givenText ?? "—"}
              </dd>
              {explained.correct !== null && (
                // A sign and a word as well as the colour, so the verdict does not rest on colour alone.
                <dd className={`text-sm font-semibold ${explained.correct ? "text-emerald-800 dark:text-emerald-300" : "text-red-800 dark:text-red-300"}`} data-testid="numeric-verdict">
                  <span aria-hidden="true">{explained.correct ? "✓ " : "✗ "}</span>
                  {explained.correct ? labels.correct : labels.incorrect}
                </dd>
              )}
            </div>
          </dl>
          <h2 className="text-sm font-semibold text-zinc-600 uppercase dark:text-zinc-400">{labels.solution}</h2>
          <CardHtml html={explained.solution} />
          {/* A new tab: leaving a timed quiz for the calculator must not lose the learner's place in it. */}
          <a
            href={explained.calculatorHref}
            target="_blank"
            rel="noopener"
            className="inline-block font-medium text-accent-700 underline dark:text-accent-300"
          >
            {labels.openCalculator}
            <span className="sr-only"> ({labels.opensInNewTab})</span>
          </a>
        </section>
      )}
    </form>
  );
}
