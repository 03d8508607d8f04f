import { cookies } from "next/headers";
import { apiError } from "@/lib/api";
import { LEARNER_COOKIE, learnerIdFromToken } from "@/lib/learner";
import { ReviewError, undoLastReview } from "@/lib/srs/review";

export async function POST() {
  const learnerId = learnerIdFromToken((await cookies()).get(LEARNER_COOKIE)?.value);
  if (!learnerId) return apiError(401, "unauthorized", "No learner: open the app in a browser to get a learner cookie.");
  try {
    return Response.json(await undoLastReview(learnerId));
  } catch (error) {
    if (error instanceof ReviewError) {
      return apiError(error.status, error.code === "unknown_learner" ? "unauthorized" : error.code, error.message);
    }
    throw error;
  }
}
