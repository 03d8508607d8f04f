import { cookies } from "next/headers";
import { apiError, readJson } from "@/lib/api";
import { prisma } from "@/lib/db";
import { LEARNER_COOKIE, learnerIdFromToken } from "@/lib/learner";
import { quizRequestSchema } from "@/lib/quiz/request";
import { createQuiz, QuizError } from "@/lib/quiz/session";

export async function POST(request: Request) {
  const learnerId = learnerIdFromToken((await cookies()).get(LEARNER_COOKIE)?.value);
  if (!learnerId || !(await prisma.learner.count({ where: { id: learnerId } }))) {
    return apiError(401, "unauthorized", "No learner: open the app in a browser to get a learner cookie.");
  }
  const body = await readJson(request, quizRequestSchema);
  if ("response" in body) return body.response;
  try {
    const quiz = await createQuiz(learnerId, body.data);
    const note = quiz.questions < quiz.requested ? `Only ${quiz.questions} questions match; asked for ${quiz.requested}.` : null;
    return Response.json({ ...quiz, note }, { status: 201 });
  } catch (error) {
    if (error instanceof QuizError) return apiError(error.status, error.code, error.message, error.path);
    throw error;
  }
}
