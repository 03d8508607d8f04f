import { NotFoundPanel } from "@/app/ui/not-found-panel";
import { getMessages } from "@/lib/i18n/server";

export default async function QuizNotFound() {
  const { t } = await getMessages();
  return <NotFoundPanel title={t.errors.notFoundTitle} body={t.quiz.notFound} href="/quiz" linkLabel={t.quiz.newQuiz} />;
}
