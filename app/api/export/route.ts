import { cookies } from "next/headers";
import { apiError } from "@/lib/api";
import { LEARNER_COOKIE, learnerIdFromToken } from "@/lib/learner";
import { exportProgress, TransferError } from "@/lib/transfer";

/** GET /api/export: the learner's whole progress as a downloadable, checksummed JSON file. */
export async function GET() {
  const learnerId = learnerIdFromToken((await cookies()).get(LEARNER_COOKIE)?.value);
  if (!learnerId) return apiError(401, "unauthorized", "No learner: open the app in a browser to get a learner cookie.");
  try {
    const now = new Date();
    const file = await exportProgress(learnerId, now);
    return new Response(JSON.stringify(file, null, 2), {
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="bn-progress-${now.toISOString().slice(0, 10)}.json"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof TransferError) return apiError(error.status, error.code === "unknown_learner" ? "unauthorized" : error.code, error.message);
    throw error;
  }
}
