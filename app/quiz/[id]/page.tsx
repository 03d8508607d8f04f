import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { format } from "@/lib/i18n";
import { getMessages, titled } from "@/lib/i18n/server";
import { getLearner } from "@/lib/learner";
import { getQuizScreen } from "@/lib/quiz/queries";
import { QuizQuestion } from "./quiz-question";

export const generateMetadata = titled((t) => t.quiz.title);

export default async function QuizQuestionPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ asked?: string }>;
}) {
  const [{ id }, { asked }, { lang, t }, learner] = await Promise.all([params, searchParams, getMessages(), getLearner()]);
  const screen = await getQuizScreen(learner.id, id, lang);
  if (!screen) notFound();
  if (screen.status === "finished") redirect(`/quiz/${id}/result`);
  if (screen.status === "abandoned") {
    return (
      <div className="space-y-4">
        <p>{t.quiz.abandoned}</p>
        <Link href="/quiz" className="font-medium text-accent-700 underline dark:text-accent-300">
          {t.quiz.newQuiz}
        </Link>
      </div>
    );
  }
  const askedFor = Number(asked);
  return (
    <div className="space-y-4">
      {screen.index === 0 && askedFor > screen.total && (
        <p role="note" className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950/40 dark:text-amber-200">
          {format(t.quiz.shortBy, { got: screen.total, asked: askedFor })}
        </p>
      )}
      <QuizQuestion
        key={screen.questionId}
        quizId={screen.quizId}
        cardId={screen.cardId}
        position={screen.position}
        heading={format(t.quiz.question, { n: screen.index + 1, total: screen.total })}
        progress={{ answered: screen.index, total: screen.total }}
        secondsPerQuestion={screen.secondsPerQuestion}
        elapsedMs={screen.elapsedMs}
        topic={t.topics[screen.topic]}
        view={screen.view}
        labels={{ ...t.quiz, studyLabels: t.study, practice: t.practice }}
        isLast={screen.index === screen.total - 1}
      />
    </div>
  );
}
