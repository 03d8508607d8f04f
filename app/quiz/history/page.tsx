import Link from "next/link";
import { getLearner } from "@/lib/learner";
import { listQuizzes } from "@/lib/quiz/session";
import { getMessages, titled } from "@/lib/i18n/server";

export const generateMetadata = titled((t) => t.quiz.history);

export default async function QuizHistoryPage() {
  const [{ lang, t }, learner] = await Promise.all([getMessages(), getLearner()]);
  const quizzes = await listQuizzes(learner.id);
  const when = new Intl.DateTimeFormat(lang === "zh" ? "zh-CN" : "en", { dateStyle: "medium", timeStyle: "short" });
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">{t.quiz.history}</h1>
      {quizzes.length === 0 ? (
        <p className="text-zinc-600 dark:text-zinc-400">{t.quiz.noHistory}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="quiz-history">
            <thead className="border-b border-zinc-200 dark:border-zinc-800">
              <tr>
                <th className="py-2 pr-4 font-medium">{t.cards.reviewedAt}</th>
                <th className="py-2 pr-4 font-medium">{t.quiz.title}</th>
                <th className="py-2 pr-4 font-medium">{t.quiz.score}</th>
                <th className="py-2 font-medium">{t.quiz.byTopic}</th>
              </tr>
            </thead>
            <tbody>
              {quizzes.map((quiz) => (
                <tr key={quiz.id} className="border-b border-zinc-100 align-top dark:border-zinc-900">
                  <td className="py-2 pr-4 tabular-nums">
                    <Link href={quiz.finishedAt || quiz.abandonedAt ? `/quiz/${quiz.id}/result` : `/quiz/${quiz.id}`} className="text-accent-700 underline dark:text-accent-300">
                      {when.format(quiz.createdAt)}
                    </Link>
                  </td>
                  <td className="py-2 pr-4">
                    {t.quiz.modes[quiz.mode as "custom" | "interview"]}
                    {quiz.abandonedAt ? ` (${t.quiz.abandon})` : ""}
                  </td>
                  <td className="py-2 pr-4 tabular-nums">
                    {quiz.score.points} / {quiz.score.total}
                  </td>
                  <td className="py-2">
                    {Object.entries(quiz.score.byTopic)
                      .map(([topic, { points, questions }]) => `${t.topics[topic as keyof typeof t.topics]} ${points}/${questions}`)
                      .join(" · ")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
