import { learnerEndpoint } from "@/lib/http";
import { quizRequestSchema } from "@/lib/quiz/request";
import { createQuiz } from "@/lib/quiz/session";

export const POST = learnerEndpoint({ body: quizRequestSchema, status: 201 }, async ({ learner, body }) => {
  const quiz = await createQuiz(learner, body);
  const note = quiz.questions < quiz.requested ? `Only ${quiz.questions} questions match; asked for ${quiz.requested}.` : null;
  return { ...quiz, note };
});
