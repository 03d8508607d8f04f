import Link from "next/link";
import { getMessages } from "@/lib/i18n";

export default async function QuizNotFound() {
  const { t } = await getMessages();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t.errors.notFoundTitle}</h1>
      <p className="text-zinc-600 dark:text-zinc-400">{t.quiz.notFound}</p>
      <Link href="/quiz" className="font-medium text-accent-700 underline dark:text-accent-300">
        {t.quiz.newQuiz}
      </Link>
    </div>
  );
}
