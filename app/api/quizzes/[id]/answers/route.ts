import { apiError, readJson, requireLearner } from "@/lib/api";
import { answerRequestSchema } from "@/lib/quiz/request";
import { answerQuestion, QuizError } from "@/lib/quiz/session";
import { ReviewError } from "@/lib/srs/review";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const learner = await requireLearner();
  if ("response" in learner) return learner.response;
  const { learnerId } = learner;
  const body = await readJson(request, answerRequestSchema);
  if ("response" in body) return body.response;
  try {
    const { outcome, rating, finished } = await answerQuestion(learnerId, (await params).id, body.data);
    return Response.json({ outcome, rating, finished }, { status: 201 });
  } catch (error) {
    if (error instanceof QuizError) return apiError(error.status, error.code, error.message, error.path);
    if (error instanceof ReviewError) return apiError(error.status, error.code, error.message, error.path);
    throw error;
  }
}
