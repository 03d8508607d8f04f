import type { ReactNode } from "react";
import type { CardSides } from "@/lib/content/schema";

/** Card HTML comes from our own Markdown, rendered (and stripped of raw HTML) on the server at sync time. */
export function CardHtml({ html, className = "" }: { html: string; className?: string }) {
  return <div className={`card-prose ${className}`} dangerouslySetInnerHTML={{ __html: html }} />;
}

export function AnswerSides({
  sides,
  labels,
  keyPoints,
}: {
  sides: CardSides;
  labels: { answer: string; wrongAnswer: string; keyPoints: string };
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
    </div>
  );
}

export function CardMeta({
  topic,
  difficulty,
}: {
  topic: string;
  difficulty: string;
}) {
  return (
    <p className="flex flex-wrap gap-2 text-xs">
      <span className="rounded-full bg-accent-50 px-2.5 py-1 font-medium text-accent-700 dark:bg-zinc-800 dark:text-accent-300">
        {topic}
      </span>
      <span className="rounded-full bg-zinc-100 px-2.5 py-1 font-medium text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
        {difficulty}
      </span>
    </p>
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
