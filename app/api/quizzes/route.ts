import { apiError, readJson, requireLearner } from "@/lib/api";
import { quizRequestSchema } from "@/lib/quiz/request";
import { createQuiz, QuizError } from "@/lib/quiz/session";

export async function POST(request: Request) {
  const learner = await requireLearner();
  if ("response" in learner) return learner.response;
  const { learnerId } = learner;
  const body = await readJson(request, quizRequestSchema);
  if ("response" in body) return body.response;
  try {
    const quiz = await createQuiz(learnerId, body.data);
    const note = quiz.questions < quiz.requested ? `Only ${quiz.questions} questions match; asked for ${quiz.requested}.` : null;
    return Response.json({ ...quiz, note }, { status: 201 });
  } catch (error) {
    if (error instanceof QuizError) {
      return apiError(error.status, error.code, error.message, error.path);
    }
    throw error;
  }
}
