import Link from "next/link";
import { CARD_TYPES, DIFFICULTIES, TOPICS } from "@/lib/content/schema";
import { getLearner } from "@/lib/learner";
import { abandonQuizAction } from "@/lib/quiz/actions";
import { getUnfinishedQuiz } from "@/lib/quiz/session";
import { QuizBuilder } from "./quiz-builder";
import { format } from "@/lib/i18n";
import { getMessages, titled } from "@/lib/i18n/server";

export const generateMetadata = titled((t) => t.quiz.title);

export default async function QuizPage() {
  const [{ t }, learner] = await Promise.all([getMessages(), getLearner()]);
  const unfinished = await getUnfinishedQuiz(learner.id);
  return (
    <div className="space-y-8">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">{t.quiz.title}</h1>
        <p className="max-w-2xl text-zinc-600 dark:text-zinc-400">{t.quiz.lead}</p>
      </header>
      {unfinished && (
        <section
          aria-labelledby="unfinished-title"
          className="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-accent-300 bg-accent-50 p-4 dark:border-zinc-700 dark:bg-zinc-900"
          data-testid="unfinished-quiz"
        >
          <div>
            <h2 id="unfinished-title" className="font-semibold">
              {t.quiz.unfinished}
            </h2>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              {format(t.quiz.unfinishedProgress, { answered: unfinished.questions.filter((q) => q.answeredAt).length, total: unfinished.questions.length })}
            </p>
          </div>
          <div className="flex gap-2">
            <Link href={`/quiz/${unfinished.id}`} className="rounded-md bg-accent-600 px-4 py-2 font-medium text-white hover:bg-accent-700">
              {t.quiz.resume}
            </Link>
            <form action={abandonQuizAction}>
              <input type="hidden" name="quizId" value={unfinished.id} />
              <button type="submit" className="rounded-md border border-zinc-300 px-4 py-2 font-medium hover:bg-white dark:border-zinc-700 dark:hover:bg-zinc-800">
                {t.quiz.abandon}
              </button>
            </form>
          </div>
        </section>
      )}
      <QuizBuilder
        labels={{ ...t.quiz, topicNames: t.topics, difficultyNames: t.difficulties }}
        topics={[...TOPICS]}
        difficulties={[...DIFFICULTIES]}
        types={[...CARD_TYPES]}
      />
      <Link href="/quiz/history" className="inline-block font-medium text-accent-700 underline dark:text-accent-300">
        {t.quiz.history}
      </Link>
    </div>
  );
}
