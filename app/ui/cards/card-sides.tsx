// Card HTML carries KaTeX's markup: its stylesheet comes with the components that show it, so a page without
// card math (home, quiz builder, statistics…) neither downloads nor waits for it.
import "katex/dist/katex.min.css";
import type { ReactNode } from "react";
import type { CardSides } from "@/lib/content/schema";

/** Card HTML comes from our own Markdown, rendered (and stripped of raw HTML) on the server at sync time. */
export function CardHtml({ html, className = "" }: { html: string; className?: string }) {
  return <div className={`card-prose ${className}`} dangerouslySetInnerHTML={{ __html: html }} />;
}

/**
 * The answer as said aloud in about 30 seconds, collapsed until the learner asks for it: a native disclosure,
 * so keyboards and screen readers get its expanded state for free.
 */
export function SpokenAnswer({ html, label }: { html: string | null | undefined; label: string }) {
  if (!html) return null;
  return (
    <details className="rounded-lg border border-zinc-200 px-4 py-3 dark:border-zinc-800" data-testid="spoken-answer">
      <summary className="cursor-pointer text-sm font-semibold text-accent-700 dark:text-accent-300">{label}</summary>
      <CardHtml html={html} className="mt-3" />
    </details>
  );
}

export function AnswerSides({
  sides,
  labels,
  withSpoken = true,
  keyPoints,
}: {
  // A quiz's concept question carries the same sides; a view built before spoken answers may lack one.
  sides: Omit<CardSides, "spoken"> & { spoken?: string | null };
  labels: { answer: string; wrongAnswer: string; keyPoints: string; spoken: string };
  /** false where the page places the spoken answer itself (the study screen puts it after the grade buttons) */
  withSpoken?: boolean;
  /** the key points as the page grades with them (a checklist to tick), in place of the plain list */
  keyPoints?: ReactNode;
}) {
  return (
    <div className="space-y-5">
      <CardHtml html={sides.answer} />
      {sides.wrongAnswer && (
        <aside className="rounded-lg border-l-4 border-amber-500 bg-amber-50 p-4 dark:bg-amber-950/40">
          <h3 className="mb-2 text-sm font-semibold text-amber-900 uppercase dark:text-amber-200">{labels.wrongAnswer}</h3>
          <CardHtml html={sides.wrongAnswer} />
        </aside>
      )}
      {keyPoints ?? (
        <section>
          <h3 className="mb-2 text-sm font-semibold text-zinc-600 uppercase dark:text-zinc-400">{labels.keyPoints}</h3>
          <ul className="card-prose list-disc space-y-1 pl-6">
            {sides.keyPoints.map((point, index) => (
              <li key={index} dangerouslySetInnerHTML={{ __html: point }} />
            ))}
          </ul>
        </section>
      )}
      {withSpoken && <SpokenAnswer html={sides.spoken} label={labels.spoken} />}
    </div>
  );
}

/** A multiple-choice card's options as a reference: the right ones marked, the misconception behind the rest. */
export function McqOptionList({
  options,
  labels,
}: {
  options: { html: string; correct: boolean; why: string | null }[];
  labels: { correct: string; whyWrong: string };
}) {
  return (
    <ul className="space-y-2" data-testid="mcq-reference">
      {options.map((option, index) => (
        <li
          key={index}
          className={`rounded-lg border-2 p-3 ${option.correct ? "border-emerald-500" : "border-zinc-200 dark:border-zinc-800"}`}
        >
          <div className="flex items-start gap-2">
            {option.correct && <span className="text-sm font-semibold text-emerald-700 dark:text-emerald-400">✓ {labels.correct}</span>}
            <CardHtml html={option.html} />
          </div>
          {option.why && (
            <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">
              <span className="font-semibold">{labels.whyWrong}: </span>
              <span dangerouslySetInnerHTML={{ __html: option.why }} />
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
