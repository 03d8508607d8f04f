import { apiError, requireLearner } from "@/lib/api";
import { ReviewError, undoLastReview } from "@/lib/srs/review";

export async function POST() {
  const learner = await requireLearner();
  if ("response" in learner) return learner.response;
  const { learnerId } = learner;
  try {
    return Response.json(await undoLastReview(learnerId));
  } catch (error) {
    if (error instanceof ReviewError) return apiError(error.status, error.code, error.message, error.path);
    throw error;
  }
}
