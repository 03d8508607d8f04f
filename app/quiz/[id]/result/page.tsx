import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { AnswerSides, CardHtml } from "@/app/ui/cards/card-sides";
import { formatClock, StatTiles } from "@/app/ui/stat-tiles";
import { format } from "@/lib/i18n";
import { getMessages, titled } from "@/lib/i18n/server";
import { getLearner } from "@/lib/learner";
import { getQuizResult } from "@/lib/quiz/queries";
import { ScheduleGrade } from "./schedule-grade";

export const generateMetadata = titled((t) => `${t.quiz.title}: ${t.quiz.result}`);

export default async function QuizResultPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, { lang, t }, learner] = await Promise.all([params, getMessages(), getLearner()]);
  const quiz = await getQuizResult(learner.id, id, lang);
  if (!quiz) notFound();
  if (quiz === "open") redirect(`/quiz/${id}`);
  const { score, seconds } = quiz;
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
      <ol className="space-y-6">
        {quiz.questions.map((question, index) => {
          const { view, feedback, outcome } = question;
          return (
            <li key={question.id} className="space-y-4 rounded-2xl border border-zinc-200 p-5 dark:border-zinc-800" data-testid="result-question" data-outcome={outcome ?? "unanswered"}>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <h2 className="font-semibold">{format(t.quiz.question, { n: index + 1, total: quiz.questions.length })}</h2>
                <span className="text-sm font-medium">{outcome ? t.quiz.outcomes[outcome] : "—"}</span>
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
                  <AnswerSides sides={view} labels={t.study} />
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
