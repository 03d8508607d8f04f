import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { AnswerSides, CardHtml } from "@/app/ui/cards/card-sides";
import { CoveredKeyPoints } from "@/app/ui/practice/covered-key-points";
import { formatClock, StatTiles } from "@/app/ui/stat-tiles";
import { format, LOCALES } from "@/lib/i18n";
import { getMessages, titled } from "@/lib/i18n/server";
import { getLearner } from "@/lib/learner";
import { startTopicQuizAction } from "@/lib/quiz/actions";
import { getQuizResult } from "@/lib/quiz/queries";
import { WEAK_TOPIC_THRESHOLD } from "@/lib/quiz/weak-spots";
import { ScheduleGrade } from "./schedule-grade";

export const generateMetadata = titled((t) => `${t.quiz.title}: ${t.quiz.result}`);

const isMistake = (outcome: string | null) => outcome === "wrong" || outcome === "partly";

export default async function QuizResultPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ show?: string }> }) {
  const [{ id }, { show }, { lang, t }, learner] = await Promise.all([params, searchParams, getMessages(), getLearner()]);
  const quiz = await getQuizResult(learner.id, id, lang);
  if (!quiz) notFound();
  if (quiz === "open") redirect(`/quiz/${id}`);
  const { score, seconds } = quiz;
  const words = t.practice.result;
  const mistakesOnly = show === "mistakes";
  const mistakes = quiz.questions.filter((question) => isMistake(question.outcome)).length;
  const shown = quiz.questions.map((question, index) => ({ question, index })).filter(({ question }) => !mistakesOnly || isMistake(question.outcome));
  const threshold = new Intl.NumberFormat(LOCALES[lang], { style: "percent" }).format(WEAK_TOPIC_THRESHOLD);
  const filter = (active: boolean) =>
    `rounded-md px-3 py-1.5 text-sm font-medium ${active ? "bg-accent-600 text-white" : "text-accent-700 underline hover:bg-zinc-100 dark:text-accent-300 dark:hover:bg-zinc-800"}`;
  return (
    <div className="space-y-8">
      <header className="space-y-4">
        <h1 className="text-2xl font-semibold tracking-tight">
          {t.quiz.modes[quiz.mode]} · {t.quiz.result}
        </h1>
        <StatTiles
          tiles={[
            { label: t.quiz.score, value: `${score.points} / ${score.total}`, testId: "quiz-score" },
            { label: t.quiz.time, value: formatClock(seconds) },
            {
              label: t.quiz.byTopic,
              value: (
                <ul className="text-sm font-normal">
                  {Object.entries(score.byTopic).map(([topic, { points, questions }]) => (
                    <li key={topic}>
                      {t.topics[topic as keyof typeof t.topics]}: {points}/{questions}
                    </li>
                  ))}
                </ul>
              ),
            },
          ]}
        />
        {quiz.abandoned && <p className="text-amber-800 dark:text-amber-300">{t.quiz.abandoned}</p>}
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{t.quiz.scheduleHelp}</p>
      </header>
      <section aria-labelledby="weak-title" className="space-y-3 rounded-2xl border border-zinc-200 p-5 dark:border-zinc-800" data-testid="weak-spots">
        <h2 id="weak-title" className="text-lg font-semibold">
          {words.weakTitle}
        </h2>
        {quiz.weakTopics.length > 0 ? (
          <>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">{format(words.weakLead, { percent: threshold })}</p>
            <ul className="space-y-2">
              {quiz.weakTopics.map(({ topic }) => {
                const tally = score.byTopic[topic]!;
                return (
                  <li key={topic} className="flex flex-wrap items-center justify-between gap-2" data-testid="weak-topic">
                    <span>
                      <span className="font-medium">{t.topics[topic]}</span>{" "}
                      <span className="text-sm text-zinc-600 tabular-nums dark:text-zinc-400">{format(words.weakScore, tally)}</span>
                    </span>
                    <form action={startTopicQuizAction}>
                      <input type="hidden" name="topic" value={topic} />
                      <button
                        type="submit"
                        aria-label={format(words.drillNamed, { topic: t.topics[topic] })}
                        className="rounded-md bg-accent-600 px-4 py-2 font-medium text-white hover:bg-accent-700"
                      >
                        {words.drill}
                      </button>
                    </form>
                  </li>
                );
              })}
            </ul>
          </>
        ) : (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">{format(words.noWeak, { percent: threshold })}</p>
        )}
      </section>
      <nav aria-label={words.show} className="flex flex-wrap items-center gap-2">
        <span className="text-sm font-medium" aria-hidden="true">
          {words.show}:
        </span>
        <Link href={`/quiz/${quiz.id}/result`} aria-current={mistakesOnly ? undefined : "page"} className={filter(!mistakesOnly)} scroll={false}>
          {format(words.all, { count: quiz.questions.length })}
        </Link>
        <Link href={`/quiz/${quiz.id}/result?show=mistakes`} aria-current={mistakesOnly ? "page" : undefined} className={filter(mistakesOnly)} scroll={false}>
          {format(words.mistakes, { count: mistakes })}
        </Link>
      </nav>
      {shown.length === 0 && <p>{words.noMistakes}</p>}
      <ol className="space-y-6">
        {shown.map(({ question, index }) => {
          const { view, feedback, outcome } = question;
          return (
            <li
              key={question.id}
              value={index + 1}
              className="space-y-4 rounded-2xl border border-zinc-200 p-5 dark:border-zinc-800"
              data-testid="result-question"
              data-outcome={outcome ?? "unanswered"}
            >
              <div className="flex flex-wrap items-center justify-between gap-2">
                <h2 className="font-semibold">{format(t.quiz.question, { n: index + 1, total: quiz.questions.length })}</h2>
                <span className="flex flex-wrap items-center gap-3 text-sm">
                  {question.durationMs !== null && (
                    <span data-testid="question-time" data-overtime={String(question.overtime)}>
                      <span className="text-zinc-600 dark:text-zinc-400">{words.timeTaken}: </span>
                      <span className="font-mono tabular-nums">{formatClock(question.durationMs / 1000)}</span>
                      {question.overtime && quiz.secondsPerQuestion !== null && (
                        <span className="ml-2 inline-flex items-center gap-1 rounded-full bg-amber-100 px-2 py-0.5 font-medium text-amber-900 dark:bg-amber-950/60 dark:text-amber-200" data-testid="overtime">
                          <span aria-hidden="true">⏱</span>
                          {format(words.overtime, { limit: quiz.secondsPerQuestion })}
                        </span>
                      )}
                    </span>
                  )}
                  <span className="font-medium">{outcome ? t.quiz.outcomes[outcome] : "—"}</span>
                </span>
              </div>
              <CardHtml html={view.question} />
              {view.kind === "concept" && (
                <>
                  {question.writtenAnswer && (
                    <div className="rounded-lg bg-zinc-50 p-3 dark:bg-zinc-900">
                      <p className="text-sm font-medium">{t.quiz.yourAnswer}</p>
                      <p className="whitespace-pre-wrap">{question.writtenAnswer}</p>
                    </div>
                  )}
                  <AnswerSides
                    sides={view}
                    labels={t.study}
                    keyPoints={
                      question.keyPointsCovered && (
                        <CoveredKeyPoints points={view.keyPoints} covered={question.keyPointsCovered} labels={{ ...t.practice.keyPoints, title: t.study.keyPoints }} />
                      )
                    }
                  />
                </>
              )}
              {feedback?.kind === "mcq" && (
                <>
                  <ul className="space-y-2">
                    {feedback.options.map((option) => (
                      <li
                        key={option.id}
                        className={`rounded-lg border-2 p-3 ${option.correct ? "border-emerald-500" : option.chosen ? "border-red-500" : "border-zinc-200 dark:border-zinc-800"}`}
                      >
                        <CardHtml html={option.html} />
                        {option.chosen && <p className="text-xs font-semibold">{t.quiz.yourAnswer}</p>}
                        {option.why && !option.correct && (
                          <div className="mt-1 text-sm">
                            <span className="font-semibold">{t.quiz.whyWrong}: </span>
                            <CardHtml html={option.why} className="inline" />
                          </div>
                        )}
                      </li>
                    ))}
                  </ul>
                  <CardHtml html={feedback.explanation} />
                </>
              )}
              {feedback?.kind === "numeric" && (
                <div className="space-y-2">
                  <p>
                    {t.quiz.expected}: <span className="font-mono">{feedback.expectedText}</span> · {t.quiz.given}:{" "}
                    <span className="font-mono">{feedback.givenText ?? "—"}</span>
                    {feedback.correct !== null && (
                      <span className={`ml-2 font-semibold ${feedback.correct ? "text-emerald-800 dark:text-emerald-300" : "text-red-800 dark:text-red-300"}`}>
                        <span aria-hidden="true">{feedback.correct ? "✓ " : "✗ "}</span>
                        {feedback.correct ? t.quiz.correct : t.quiz.incorrect}
                      </span>
                    )}
                  </p>
                  <CardHtml html={feedback.solution} />
                  <a href={feedback.calculatorHref} target="_blank" rel="noopener" className="font-medium text-accent-700 underline dark:text-accent-300">
                    {t.quiz.openCalculator}
                    <span className="sr-only"> ({t.quiz.opensInNewTab})</span>
                  </a>
                </div>
              )}
              {question.rating !== null && (
                <ScheduleGrade
                  quizId={quiz.id}
                  position={question.position}
                  rating={question.rating}
                  locked={question.locked}
                  labels={{ title: t.quiz.scheduleGrade, locked: t.quiz.gradeLocked, grades: t.study.grades, failed: t.quiz.failed, saved: t.quiz.gradeSaved }}
                />
              )}
            </li>
          );
        })}
      </ol>
      <div className="flex gap-4">
        <Link href="/quiz" className="rounded-md bg-accent-600 px-4 py-2 font-medium text-white hover:bg-accent-700">
          {t.quiz.newQuiz}
        </Link>
        <Link href="/quiz/history" className="rounded-md px-4 py-2 font-medium text-accent-700 underline dark:text-accent-300">
          {t.quiz.history}
        </Link>
      </div>
    </div>
  );
}
