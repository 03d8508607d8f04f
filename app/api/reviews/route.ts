import { cookies } from "next/headers";
import { apiError, readJson } from "@/lib/api";
import { LEARNER_COOKIE, learnerIdFromToken } from "@/lib/learner";
import { gradeCard, ReviewError } from "@/lib/srs/review";
import { gradeRequestSchema } from "@/lib/srs/validation";

export async function POST(request: Request) {
  const learnerId = learnerIdFromToken((await cookies()).get(LEARNER_COOKIE)?.value);
  if (!learnerId) return apiError(401, "unauthorized", "No learner: open the app in a browser to get a learner cookie.");
  const body = await readJson(request, gradeRequestSchema);
  if ("response" in body) return body.response;
  try {
    const review = await gradeCard({ learnerId, ...body.data });
    return Response.json(review, { status: 201 });
  } catch (error) {
    if (error instanceof ReviewError) {
      return error.code === "unknown_learner"
        ? apiError(401, "unauthorized", error.message)
        : apiError(error.status, error.code, error.message, ["cardId"]);
    }
    throw error;
  }
}
