import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getMessages } from "@/lib/i18n";
import { getLearnerId } from "@/lib/learner";
import { presentQuestion } from "@/lib/quiz/questions";
import { currentPosition, getQuiz } from "@/lib/quiz/session";
import { QuizQuestion } from "./quiz-question";

export const metadata: Metadata = { title: "Quiz" };

export default async function QuizQuestionPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ asked?: string }>;
}) {
  const [{ id }, { asked }, { lang, t }, learnerId] = await Promise.all([params, searchParams, getMessages(), getLearnerId()]);
  const quiz = await getQuiz(learnerId, id);
  if (!quiz) notFound();
  if (quiz.finishedAt) redirect(`/quiz/${id}/result`);
  if (quiz.abandonedAt) {
    return (
      <div className="space-y-4">
        <p>{t.quiz.abandoned}</p>
        <Link href="/quiz" className="font-medium text-accent-700 underline dark:text-accent-300">
          {t.quiz.newQuiz}
        </Link>
      </div>
    );
  }
  const position = currentPosition(quiz)!;
  const question = quiz.questions[position]!;
  const view = presentQuestion(question.card, question.seed, lang);
  const total = quiz.questions.length;
  const askedFor = Number(asked);
  const { unfinishedProgress: _progress, question: questionLabel, shortBy, ...labels } = t.quiz;
  return (
    <div className="space-y-4">
      {position === 0 && askedFor > total && (
        <p role="note" className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950/40 dark:text-amber-200">
          {shortBy(total, askedFor)}
        </p>
      )}
      <QuizQuestion
        key={question.id}
        quizId={quiz.id}
        cardId={question.cardId}
        position={position}
        heading={questionLabel(position + 1, total)}
        progress={{ answered: position, total }}
        secondsPerQuestion={quiz.secondsPerQuestion}
        topic={t.topics[question.card.topic as keyof typeof t.topics]}
        view={view}
        labels={{ ...labels, studyLabels: t.study }}
        isLast={position === total - 1}
      />
    </div>
  );
}
