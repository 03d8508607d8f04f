import { apiError, requireLearner } from "@/lib/api";
import { exportProgress, TransferError } from "@/lib/transfer";

/** GET /api/export: the learner's whole progress as a downloadable, checksummed JSON file. */
export async function GET() {
  const learner = await requireLearner();
  if ("response" in learner) return learner.response;
  const { learnerId } = learner;
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
    if (error instanceof TransferError) return apiError(error.status, error.code, error.message);
    throw error;
  }
}
