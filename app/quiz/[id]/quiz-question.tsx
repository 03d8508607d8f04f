"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState, useTransition } from "react";
import { AnswerSides, CardHtml } from "@/app/ui/cards/card-sides";
import { McqAnswer, NumericAnswer } from "@/app/ui/practice/answers";
import { KeyPointChecklist, TickSuggestion } from "@/app/ui/practice/key-points";
import { formatClock } from "@/app/ui/stat-tiles";
import { answerAction, quizPositionAction, type AnswerResult } from "@/lib/quiz/actions";
import type { QuestionView } from "@/lib/practice";
import { outcomeFromKeyPoints } from "@/lib/practice/key-points";
import type { QuizResponse } from "@/lib/quiz/request";
import type { Messages } from "@/lib/i18n";

type Labels = Messages["quiz"] & { studyLabels: Messages["study"]; practice: Messages["practice"] };
type Feedback = Extract<AnswerResult, { ok: true }>;
/** Refusals that mean this page is behind the quiz (answered elsewhere, or over): catch up, not an error. */
const STALE = new Set(["already_answered", "not_current", "quiz_finished", "unknown_question"]);

const button = "rounded-lg px-5 py-2.5 font-medium disabled:opacity-60";
const primary = `${button} bg-accent-600 text-white hover:bg-accent-700`;
const OUTCOME_STYLES = {
  right: "border-emerald-400 text-emerald-800 hover:bg-emerald-50 dark:border-emerald-700 dark:text-emerald-300 dark:hover:bg-emerald-950/50",
  partly: "border-amber-400 text-amber-800 hover:bg-amber-50 dark:border-amber-700 dark:text-amber-300 dark:hover:bg-amber-950/50",
  wrong: "border-red-400 text-red-800 hover:bg-red-50 dark:border-red-700 dark:text-red-300 dark:hover:bg-red-950/50",
} as const;

export function QuizQuestion({
  quizId,
  cardId,
  position,
  heading,
  progress,
  secondsPerQuestion,
  elapsedMs,
  topic,
  view,
  labels,
  isLast,
}: {
  quizId: string;
  cardId: string;
  position: number;
  heading: string;
  progress: { answered: number; total: number };
  secondsPerQuestion: number | null;
  /** how long the question has been shown, by the server's clock, when the page was rendered */
  elapsedMs: number;
  topic: string;
  view: QuestionView;
  labels: Labels;
  isLast: boolean;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [modelShown, setModelShown] = useState(false);
  // The question's clock runs on the server (from when it was first shown, on any device): the page counts on
  // from the elapsed time it was given, and takes the server's again when it catches up.
  const clock = useRef({ elapsedMs, at: 0 });
  const elapsedNow = useCallback(() => clock.current.elapsedMs + performance.now() - clock.current.at, []);
  const shownAt = useRef(0);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const nextRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    shownAt.current = performance.now();
    clock.current = { elapsedMs, at: performance.now() };
    headingRef.current?.focus();
  }, [elapsedMs]);

  // Back and Forward restore this page from a cache that may predate answers given since: ask the server
  // where the quiz is, and show that question instead of a stale one.
  useEffect(() => {
    let active = true;
    async function catchUp() {
      try {
        const live = await quizPositionAction({ quizId });
        if (!active || !live.ok) return;
        if (live.over || live.position !== position) router.refresh();
        else if (live.elapsedMs !== null) clock.current = { elapsedMs: live.elapsedMs, at: performance.now() };
      } catch {
        // Offline: the answer itself will tell.
      }
    }
    catchUp();
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted) catchUp();
    };
    window.addEventListener("pageshow", onPageShow);
    return () => {
      active = false;
      window.removeEventListener("pageshow", onPageShow);
    };
  }, [quizId, position, router]);
  useEffect(() => {
    if (feedback) nextRef.current?.focus();
  }, [feedback]);

  function submit(response: QuizResponse) {
    setError(null);
    startTransition(async () => {
      try {
        const durationMs = Math.round(performance.now() - shownAt.current);
        const result = await answerAction({ quizId, answer: { position, response, durationMs } });
        if (result.ok) setFeedback(result);
        else if (STALE.has(result.error)) router.refresh();
        else setError(result.error === "not_a_number" ? labels.notANumber : labels.failed);
      } catch {
        setError(labels.failed);
      }
    });
  }

  function next() {
    if (feedback?.finished) router.push(`/quiz/${quizId}/result`);
    else router.refresh();
  }

  return (
    <article className="space-y-6 rounded-2xl border border-zinc-200 p-5 shadow-xs sm:p-8 dark:border-zinc-800" data-testid="quiz-question" data-kind={view.kind} data-card-id={cardId}>
      <header className="flex flex-wrap items-center justify-between gap-3">
        <div className="space-y-1">
          <h1 ref={headingRef} tabIndex={-1} className="text-lg font-semibold focus:outline-none">
            {heading}
          </h1>
          <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="question-topic">
            {topic}
          </p>
        </div>
        {secondsPerQuestion !== null && !feedback && <Countdown seconds={secondsPerQuestion} initialElapsedMs={elapsedMs} elapsedNow={elapsedNow} labels={labels} />}
      </header>
      <progress className="h-1.5 w-full overflow-hidden rounded-full accent-accent-600" value={progress.answered} max={progress.total} aria-label={heading} />
      <CardHtml html={view.question} className="text-lg" />

      {view.kind === "concept" && (
        <ConceptAnswer view={view} labels={labels} modelShown={modelShown} onShow={() => setModelShown(true)} onGrade={submit} disabled={pending || feedback !== null} />
      )}
      {view.kind === "mcq" && <McqAnswer view={view} labels={labels} feedback={feedback?.feedback ?? null} onSubmit={submit} disabled={pending} />}
      {view.kind === "numeric" && (
        <NumericAnswer labels={labels} feedback={feedback?.feedback ?? null} error={error} onSubmit={submit} disabled={pending} />
      )}

      {error && view.kind !== "numeric" && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      {feedback && (
        <div className="flex flex-wrap items-center justify-between gap-3 border-t border-zinc-200 pt-4 dark:border-zinc-800">
          <p role="status" className="font-semibold" data-testid="outcome">
            {feedback.outcome === "right" ? labels.correct : feedback.outcome === "partly" ? labels.outcomes.partly : labels.incorrect}
          </p>
          <button ref={nextRef} type="button" onClick={next} className={primary}>
            {isLast ? labels.seeResult : labels.next}
          </button>
        </div>
      )}
    </article>
  );
}

function Countdown({ seconds, initialElapsedMs, elapsedNow, labels }: { seconds: number; initialElapsedMs: number; elapsedNow: () => number; labels: Labels }) {
  const [left, setLeft] = useState(() => Math.max(0, seconds - Math.floor(initialElapsedMs / 1000)));
  useEffect(() => {
    const timer = setInterval(() => setLeft(Math.max(0, seconds - Math.floor(elapsedNow() / 1000))), 250);
    return () => clearInterval(timer);
  }, [seconds, elapsedNow]);
  const text = formatClock(left);
  return (
    <div className="text-right" data-testid="timer">
      <p className={`font-mono text-2xl tabular-nums ${left <= 10 ? "text-red-700 dark:text-red-400" : ""}`} aria-label={`${labels.timeLeft} ${text}`}>
        {text}
      </p>
      {left === 0 && (
        <p role="status" className="text-xs text-red-700 dark:text-red-400">
          {labels.timeUp}
        </p>
      )}
    </div>
  );
}

function ConceptAnswer({
  view,
  labels,
  modelShown,
  onShow,
  onGrade,
  disabled,
}: {
  view: Extract<QuestionView, { kind: "concept" }>;
  labels: Labels;
  modelShown: boolean;
  onShow: () => void;
  onGrade: (response: QuizResponse) => void;
  disabled: boolean;
}) {
  const [text, setText] = useState("");
  const [ticked, setTicked] = useState<number[]>([]);
  const suggested = outcomeFromKeyPoints(ticked.length, view.keyPoints.length);
  const answerRef = useRef<HTMLElement>(null);
  // The button that showed the answer is gone: focus goes to the answer, where ticking the key points starts.
  useEffect(() => {
    if (modelShown) answerRef.current?.focus();
  }, [modelShown]);
  return (
    <div className="space-y-4">
      <label className="grid gap-1">
        <span className="text-sm font-medium">{labels.yourAnswer}</span>
        <span className="text-xs text-zinc-600 dark:text-zinc-400">{labels.writeAnswer}</span>
        <textarea
          value={text}
          onChange={(event) => setText(event.target.value)}
          rows={4}
          readOnly={modelShown}
          className="rounded-md border border-zinc-300 bg-white p-3 dark:border-zinc-700 dark:bg-zinc-900"
        />
      </label>
      {!modelShown ? (
        <button type="button" onClick={onShow} className={primary}>
          {labels.showModel}
        </button>
      ) : (
        <section
          ref={answerRef}
          tabIndex={-1}
          aria-label={labels.studyLabels.answer}
          className="space-y-4 border-t border-zinc-200 pt-4 focus:outline-none dark:border-zinc-800"
        >
          <AnswerSides
            sides={view}
            labels={labels.studyLabels}
            keyPoints={
              <KeyPointChecklist
                points={view.keyPoints}
                ticked={ticked}
                onChange={setTicked}
                disabled={disabled}
                labels={{ ...labels.practice.keyPoints, title: labels.studyLabels.keyPoints }}
              />
            }
          />
          <fieldset className="space-y-2">
            <legend className="font-medium">{labels.gradeYourself}</legend>
            <div className="grid grid-cols-3 gap-2">
              {(["right", "partly", "wrong"] as const).map((outcome) => (
                <button
                  key={outcome}
                  type="button"
                  disabled={disabled}
                  onClick={() => onGrade({ kind: "self", outcome, text: text || undefined, keyPoints: ticked })}
                  aria-describedby={suggested === outcome ? "tick-suggestion" : undefined}
                  data-suggested={suggested === outcome ? "true" : undefined}
                  className={`rounded-lg border-2 px-3 py-2.5 font-medium disabled:opacity-50 data-suggested:ring-3 data-suggested:ring-accent-500 ${OUTCOME_STYLES[outcome]}`}
                >
                  {labels.outcomes[outcome]}
                </button>
              ))}
            </div>
            <TickSuggestion
              id="tick-suggestion"
              outcome={suggested}
              ticked={ticked.length}
              total={view.keyPoints.length}
              labels={{ suggested: labels.practice.keyPoints.suggested, outcomes: labels.outcomes }}
            />
          </fieldset>
        </section>
      )}
    </div>
  );
}
