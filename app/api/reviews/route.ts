import { apiError, readJson, requireLearner } from "@/lib/api";
import { gradeCard, ReviewError } from "@/lib/srs/review";
import { gradeRequestSchema } from "@/lib/srs/validation";

export async function POST(request: Request) {
  const learner = await requireLearner();
  if ("response" in learner) return learner.response;
  const { learnerId } = learner;
  const body = await readJson(request, gradeRequestSchema);
  if ("response" in body) return body.response;
  try {
    const review = await gradeCard({ learnerId, ...body.data });
    return Response.json(review, { status: 201 });
  } catch (error) {
    if (error instanceof ReviewError) return apiError(error.status, error.code, error.message, error.path);
    throw error;
  }
}
