import { apiError, requireLearner } from "@/lib/api";
import { importProgressFile, MAX_IMPORT_BYTES, TransferError } from "@/lib/transfer";

/**
 * POST /api/import with a progress file as the JSON body: checked whole (format, version, checksum, fields)
 * before anything is written, then merged into this learner's progress in one transaction.
 */
export async function POST(request: Request) {
  const learner = await requireLearner();
  if ("response" in learner) return learner.response;
  const { learnerId } = learner;
  if (!/^application\/json\b/i.test(request.headers.get("content-type") ?? "")) {
    return apiError(415, "unsupported_media_type", "Send the progress file as JSON with Content-Type: application/json.");
  }
  if (Number(request.headers.get("content-length") ?? 0) > MAX_IMPORT_BYTES) {
    return apiError(413, "too_large", "The file is larger than 20 MB.");
  }
  try {
    const report = await importProgressFile(learnerId, await request.text());
    return Response.json(report);
  } catch (error) {
    if (error instanceof TransferError) {
      return apiError(error.status, error.code, error.message, error.path);
    }
    throw error;
  }
}
