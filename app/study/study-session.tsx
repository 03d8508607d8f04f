"use client";

import Link from "next/link";
import { useCallback, useEffect, useRef, useState, useTransition } from "react";
import type { StudyScope } from "@/lib/srs/queries";
import type { FeedbackView, QuestionResponse } from "@/lib/practice";
import { checkAnswerAction, gradeAction, undoAction, type StudyActionResult, type StudyScreen } from "@/lib/srs/actions";
import { AnswerSides, CardHtml, SpokenAnswer } from "@/app/ui/cards/card-sides";
import { CardMeta, debatedMarker } from "@/app/ui/cards/card-meta";
import { McqAnswer, NumericAnswer } from "@/app/ui/practice/answers";
import { KeyPointChecklist, TickSuggestion } from "@/app/ui/practice/key-points";
import { formatClock, StatTiles } from "@/app/ui/stat-tiles";
import type { ExperimentId } from "@/lib/experiments/setup";
import { format, LOCALES, type Language, type Messages } from "@/lib/i18n";
import { outcomeFromKeyPoints, RATING_FOR_OUTCOME } from "@/lib/practice/key-points";
import { startInterviewAction, startTopicQuizAction } from "@/lib/quiz/actions";

type Labels = Messages["study"] & {
  topics: Messages["topics"];
  difficulties: Messages["difficulties"];
  practice: Messages["quiz"];
  practiceMessages: Messages["practice"];
  seeInLab: string;
  experiments: Record<ExperimentId, string>;
  debates: Messages["debates"];
};
const GRADES = [1, 2, 3, 4] as const;
/** Keyboard hints are for a keyboard: hidden on touch screens and narrow ones. */
const HINT = "hidden sm:pointer-fine:inline";
const GRADE_STYLES = {
  1: "border-red-300 text-red-800 hover:bg-red-50 dark:border-red-800 dark:text-red-300 dark:hover:bg-red-950/50",
  2: "border-amber-300 text-amber-800 hover:bg-amber-50 dark:border-amber-800 dark:text-amber-300 dark:hover:bg-amber-950/50",
  3: "border-emerald-300 text-emerald-800 hover:bg-emerald-50 dark:border-emerald-800 dark:text-emerald-300 dark:hover:bg-emerald-950/50",
  4: "border-sky-300 text-sky-800 hover:bg-sky-50 dark:border-sky-800 dark:text-sky-300 dark:hover:bg-sky-950/50",
} as const;

export function StudySession({
  initial,
  labels,
  lang,
  scope,
  topicTitle,
}: {
  initial: StudyScreen;
  labels: Labels;
  lang: Language;
  scope: StudyScope;
  topicTitle: string | null;
}) {
  const [screen, setScreen] = useState(initial);
  const [revealed, setRevealed] = useState(false);
  const [status, setStatus] = useState("");
  const [feedback, setFeedback] = useState<FeedbackView | null>(null);
  const [suggested, setSuggested] = useState<number | null>(null);
  const [answerError, setAnswerError] = useState<string | null>(null);
  // A recalled card (no mcq or numeric practice): the optional written answer and the key points it covered.
  const [written, setWritten] = useState("");
  const [ticked, setTicked] = useState<number[]>([]);
  const [pending, startTransition] = useTransition();
  const shownAt = useRef(0);
  const questionRef = useRef<HTMLHeadingElement>(null);
  const answerRef = useRef<HTMLElement>(null);
  const { card, counts, summary } = screen;

  useEffect(() => {
    shownAt.current = performance.now();
    // A numeric card's answer box takes focus itself, so the learner can type at once.
    if (screen.card?.practice?.view.kind !== "numeric") questionRef.current?.focus();
  }, [screen]);

  useEffect(() => {
    if (revealed) answerRef.current?.focus();
  }, [revealed]);

  // Keys are gated on this ref, not on `pending`: the new card renders a moment before the transition ends,
  // and a quick learner's next key must not be dropped in that gap.
  const inFlight = useRef(false);
  const run = useCallback(
    (action: () => Promise<StudyActionResult>, doneMessage = "") => {
      if (inFlight.current) return;
      inFlight.current = true;
      startTransition(async () => {
        try {
          const result = await action();
          if (result.ok) {
            setScreen({ card: result.card, counts: result.counts, summary: result.summary });
            setRevealed(false);
            setFeedback(null);
            setSuggested(null);
            setAnswerError(null);
            setWritten("");
            setTicked([]);
            setStatus(doneMessage);
          } else {
            setStatus(result.error === "nothing_to_undo" ? labels.nothingToUndo : labels.failed);
          }
        } catch {
          setStatus(labels.failed);
        } finally {
          inFlight.current = false;
        }
      });
    },
    [labels],
  );

  const grade = useCallback(
    (rating: (typeof GRADES)[number]) => {
      if (!card || !revealed) return;
      const durationMs = Math.round(performance.now() - shownAt.current);
      run(() => gradeAction({ grade: { cardId: card.id, rating, durationMs }, scope }));
    },
    [card, revealed, run, scope],
  );
  const undo = useCallback(() => run(() => undoAction({ scope }), labels.undone), [run, labels, scope]);

  /** mcq and numeric cards: check the answer (or, with none, just show the solution) before grading. */
  const check = useCallback(
    (response: QuestionResponse | null) => {
      if (!card?.practice || inFlight.current) return;
      inFlight.current = true;
      const { seed } = card.practice;
      startTransition(async () => {
        try {
          const result = await checkAnswerAction({ cardId: card.id, seed, response });
          if (result.ok) {
            setFeedback(result.feedback);
            setSuggested(result.suggested);
            setAnswerError(null);
            setRevealed(true);
          } else {
            setAnswerError(result.error === "not_a_number" ? labels.practice.notANumber : labels.failed);
          }
        } catch {
          setAnswerError(labels.failed);
        } finally {
          inFlight.current = false;
        }
      });
    },
    [card, labels],
  );
  const reveal = useCallback(() => {
    if (!card || revealed) return;
    if (card.practice) check(null);
    else setRevealed(true);
  }, [card, revealed, check]);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const target = event.target as HTMLElement;
      const typing = target.closest("textarea, select, [contenteditable], input:not([type=checkbox]):not([type=radio])");
      if (typing || event.altKey || event.metaKey) return;
      // Space and Enter on a control (a key point's checkbox, the spoken answer's <summary>) operate that control;
      // digits still grade.
      const onButton = target.closest("button, a, input, summary") !== null;
      if ((event.key === "u" || event.key === "U") && !event.ctrlKey) {
        event.preventDefault();
        undo();
      } else if (event.ctrlKey && event.key.toLowerCase() === "z") {
        event.preventDefault();
        undo();
      } else if (event.ctrlKey) {
        return;
      } else if ((event.key === " " || event.key === "Enter") && !onButton) {
        event.preventDefault();
        reveal();
      } else if (/^[1-4]$/.test(event.key)) {
        event.preventDefault();
        grade(Number(event.key) as (typeof GRADES)[number]);
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [reveal, grade, undo]);

  const selfOutcome = card && !card.practice ? outcomeFromKeyPoints(ticked.length, card.sides.keyPoints.length) : null;
  const suggestedGrade = card?.practice ? suggested : selfOutcome ? RATING_FOR_OUTCOME[selfOutcome] : null;
  const words = labels.practiceMessages;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">
          {labels.title}
          {topicTitle && <span className="text-zinc-500 dark:text-zinc-400"> · {topicTitle}</span>}
        </h1>
        <p className="flex gap-3 text-sm tabular-nums" aria-label={labels.remaining}>
          <span className="text-sky-700 dark:text-sky-300" data-testid="remaining-new">
            {counts.newAvailable} {labels.newCount}
          </span>
          <span className="text-red-700 dark:text-red-300" data-testid="remaining-learning">
            {counts.learning} {labels.learningCount}
          </span>
          <span className="text-emerald-700 dark:text-emerald-300" data-testid="remaining-review">
            {counts.review} {labels.reviewCount}
          </span>
        </p>
      </div>

      <p role="status" aria-live="polite" className="min-h-5 text-sm text-zinc-600 dark:text-zinc-400">
        {status}
      </p>

      {card ? (
        <article
          aria-busy={pending}
          className="space-y-6 rounded-2xl border border-zinc-200 p-5 shadow-xs sm:p-8 dark:border-zinc-800"
          data-testid="study-card"
          data-card-id={card.id}
        >
          <header className="space-y-3">
            <CardMeta topic={labels.topics[card.topic]} difficulty={labels.difficulties[card.difficulty]} debated={debatedMarker(card, labels.debates)} />
            <h2 ref={questionRef} tabIndex={-1} className="sr-only">
              {labels.question}
            </h2>
            <CardHtml html={card.sides.question} className="text-lg font-medium" />
          </header>

          {card.practice && (
            // Keyed by card and draw: each card starts with an empty answer, never the previous card's.
            <div key={`${card.id}:${card.practice.seed}`} className={revealed ? "" : "space-y-4"}>
              {card.practice.view.kind === "mcq" ? (
                <McqAnswer view={card.practice.view} labels={labels.practice} feedback={feedback} onSubmit={check} disabled={pending} />
              ) : (
                <NumericAnswer labels={labels.practice} feedback={feedback} error={answerError} onSubmit={check} disabled={pending} autoFocus />
              )}
            </div>
          )}

          {!card.practice &&
            (!revealed ? (
              <label className="grid gap-1">
                <span className="text-sm font-medium">{words.studyAnswer}</span>
                <span className="text-xs text-zinc-600 dark:text-zinc-400">{words.studyAnswerHelp}</span>
                <textarea
                  value={written}
                  onChange={(event) => setWritten(event.target.value)}
                  onKeyDown={(event) => {
                    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
                      event.preventDefault();
                      reveal();
                    }
                  }}
                  rows={3}
                  className="rounded-md border border-zinc-300 bg-white p-3 dark:border-zinc-700 dark:bg-zinc-900"
                />
              </label>
            ) : (
              written.trim() && (
                <div className="rounded-lg bg-zinc-50 p-3 dark:bg-zinc-900" data-testid="written-answer">
                  <p className="text-sm font-medium">{labels.practice.yourAnswer}</p>
                  <p className="whitespace-pre-wrap">{written}</p>
                </div>
              )
            ))}

          {revealed ? (
            <section ref={answerRef} tabIndex={-1} aria-label={labels.answer} className="space-y-6 border-t border-zinc-200 pt-6 focus:outline-none dark:border-zinc-800">
              {card.practice ? (
                feedback && feedback.keyPoints.length > 0 && (
                  <section>
                    <h3 className="mb-2 text-sm font-semibold text-zinc-600 uppercase dark:text-zinc-400">{labels.keyPoints}</h3>
                    <ul className="card-prose list-disc space-y-1 pl-6">
                      {feedback.keyPoints.map((point, index) => (
                        <li key={index} dangerouslySetInnerHTML={{ __html: point }} />
                      ))}
                    </ul>
                  </section>
                )
              ) : (
                <AnswerSides
                  sides={card.sides}
                  labels={labels}
                  withSpoken={false}
                  keyPoints={
                    card.sides.keyPoints.length > 0 && (
                      <KeyPointChecklist points={card.sides.keyPoints} ticked={ticked} onChange={setTicked} labels={{ ...words.keyPoints, title: labels.keyPoints }} />
                    )
                  }
                />
              )}
              <div role="group" aria-label={labels.gradePrompt} className="grid grid-cols-2 gap-2 sm:grid-cols-4">
                {GRADES.map((rating) => (
                  <button
                    key={rating}
                    type="button"
                    onClick={() => grade(rating)}
                    disabled={pending}
                    aria-keyshortcuts={String(rating)}
                    aria-describedby={suggestedGrade === rating ? "suggested-grade" : undefined}
                    data-suggested={suggestedGrade === rating ? "true" : undefined}
                    className={`flex flex-col items-center rounded-lg border-2 px-3 py-3 font-medium disabled:opacity-50 data-suggested:ring-3 data-suggested:ring-accent-500 ${GRADE_STYLES[rating]}`}
                  >
                    <span>
                      {labels.grades[rating]} <kbd className={`ml-1 font-mono text-xs ${HINT}`}>{rating}</kbd>
                    </span>
                    <span className="text-xs font-normal" data-testid={`interval-${rating}`}>
                      {card.intervals[rating]}
                    </span>
                  </button>
                ))}
              </div>
              {card.practice
                ? suggested !== null && (
                    <p id="suggested-grade" className="text-sm text-zinc-600 dark:text-zinc-400">
                      {labels.suggested}: {labels.grades[suggested as 1 | 2 | 3 | 4]}
                    </p>
                  )
                : card.sides.keyPoints.length > 0 && (
                    <TickSuggestion
                      id="suggested-grade"
                      outcome={selfOutcome}
                      ticked={ticked.length}
                      total={card.sides.keyPoints.length}
                      labels={{ suggested: words.keyPoints.suggested, outcomes: { right: labels.grades[3], partly: labels.grades[2], wrong: labels.grades[1] } }}
                    />
                  )}
              {/* After the grade buttons: Tab from the answer reaches Again first; the rest is optional. */}
              <SpokenAnswer html={card.sides.spoken} label={labels.spoken} />
              {card.lab.length > 0 && (
                <p className="flex flex-wrap gap-2 text-sm">
                  {card.lab.map((experiment) => (
                    // A new tab, so the study session is never left behind.
                    <a key={experiment} href={`/lab?exp=${experiment}`} target="_blank" rel="noopener" className="font-medium text-accent-700 underline dark:text-accent-300">
                      {labels.seeInLab}: {labels.experiments[experiment]}
                    </a>
                  ))}
                </p>
              )}
            </section>
          ) : (
            <button
              type="button"
              onClick={reveal}
              aria-keyshortcuts="Space Enter"
              // With an answer to check, "Check answer" is the main action and showing the solution the other one.
              className={
                card.practice
                  ? "w-full rounded-lg border-2 border-zinc-300 px-5 py-3 font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
                  : "w-full rounded-lg bg-accent-600 px-5 py-3 font-medium text-white hover:bg-accent-700"
              }
              data-variant={card.practice ? "secondary" : "primary"}
            >
              {labels.show} <span className={`ml-2 text-sm font-normal ${HINT}`}>({labels.showHint})</span>
            </button>
          )}
        </article>
      ) : (
        summary && <SessionDone summary={summary} scope={scope} labels={labels} lang={lang} />
      )}

      <div className="flex flex-wrap items-center justify-between gap-3 text-sm text-zinc-600 dark:text-zinc-400">
        <p className="hidden sm:pointer-fine:block">{labels.keyboardHelp}</p>
        <button
          type="button"
          onClick={undo}
          disabled={pending}
          aria-keyshortcuts="U Control+Z"
          className="ml-auto inline-flex items-center gap-1.5 rounded-md border border-zinc-300 px-3 py-1.5 hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          <svg aria-hidden="true" viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" className="size-4 shrink-0">
            <path d="M7 4 3 8l4 4" />
            <path d="M3 8h9a5 5 0 0 1 0 10H9" />
          </svg>
          {labels.undo} <span className={`text-zinc-600 dark:text-zinc-400 ${HINT}`}>({labels.undoHint})</span>
        </button>
      </div>
    </div>
  );
}

function SessionDone({ summary, scope, labels, lang }: { summary: NonNullable<StudyScreen["summary"]>; scope: StudyScope; labels: Labels; lang: Language }) {
  const words = labels.practiceMessages.session;
  const locale = LOCALES[lang];
  const rows = [
    { label: labels.reviewed, value: String(summary.reviewed), testId: "summary-reviewed" },
    {
      label: labels.againRate,
      value: new Intl.NumberFormat(locale, { style: "percent" }).format(summary.againRate),
      testId: "summary-again-rate",
    },
    { label: labels.timeSpent, value: formatClock(summary.timeMs / 1000), testId: "summary-time" },
    {
      label: labels.nextDue,
      value: summary.nextDue ? <time dateTime={summary.nextDue}>{summary.nextDueText}</time> : labels.noneScheduled,
      testId: "summary-next-due",
    },
  ];
  const studyHref = (params: Record<string, string | number | undefined>) => {
    const query = new URLSearchParams(Object.entries(params).flatMap(([key, value]) => (value === undefined ? [] : [[key, String(value)]])));
    return `/study${query.size ? `?${query}` : ""}`;
  };
  const action = "inline-flex items-center rounded-md border border-zinc-300 px-4 py-2 font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800";
  const main = "inline-flex items-center rounded-md bg-accent-600 px-4 py-2 font-medium text-white hover:bg-accent-700";
  return (
    <section className="space-y-5 rounded-2xl border border-zinc-200 p-6 dark:border-zinc-800" aria-labelledby="done-title" data-testid="session-summary">
      <h2 id="done-title" className="text-xl font-semibold">
        {words.doneTitle}
      </h2>
      {summary.reviewed > 0 ? (
        <section aria-labelledby="session-title" className="space-y-3">
          <h3 id="session-title" className="font-medium">
            {words.thisSession}
          </h3>
          <StatTiles tiles={rows} variant="inset" className="sm:grid-cols-2" />
        </section>
      ) : (
        <>
          <p>{words.nothingNow}</p>
          <StatTiles tiles={rows.slice(3)} variant="inset" className="sm:grid-cols-2" />
        </>
      )}
      <nav aria-labelledby="next-title" className="space-y-3">
        <h3 id="next-title" className="font-medium">
          {words.whatNext}
        </h3>
        <ul className="flex flex-wrap gap-2">
          {summary.studyAhead && (
            <li>
              <Link href={studyHref({ topic: scope.topic, extra: summary.studyAhead.extraNew })} className={main} aria-describedby="study-ahead-help">
                {format(words.studyAhead, { count: summary.studyAhead.cards })}
              </Link>
              <span id="study-ahead-help" className="sr-only">
                {words.studyAheadHelp}
              </span>
            </li>
          )}
          {summary.elsewhere > 0 && (
            <li>
              <Link href={studyHref({ extra: scope.extraNew })} className={action}>
                {format(words.allTopics, { count: summary.elsewhere })}
              </Link>
            </li>
          )}
          {summary.drillTopic && (
            <li>
              <form action={startTopicQuizAction}>
                <input type="hidden" name="topic" value={summary.drillTopic} />
                <button type="submit" className={action} aria-describedby="drill-help">
                  {format(words.drill, { topic: labels.topics[summary.drillTopic] })}
                </button>
                <span id="drill-help" className="sr-only">
                  {words.drillHelp}
                </span>
              </form>
            </li>
          )}
          <li>
            <form action={startInterviewAction}>
              <button type="submit" className={action}>
                {labels.practice.startInterview}
              </button>
            </form>
          </li>
          <li>
            <Link href="/quiz" className={action}>
              {labels.practice.build}
            </Link>
          </li>
          <li>
            <Link href="/stats" className={action}>
              {words.stats}
            </Link>
          </li>
          <li>
            <Link href="/" className={action}>
              {labels.backHome}
            </Link>
          </li>
        </ul>
      </nav>
    </section>
  );
}
