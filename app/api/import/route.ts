import { learnerEndpoint, readBodyText, requireJsonType } from "@/lib/http";
import { importProgressFile, MAX_IMPORT_BYTES } from "@/lib/transfer";

/**
 * POST /api/import with a progress file as the JSON body: checked whole (format, version, checksum, fields)
 * before anything is written, then merged into this learner's progress in one transaction.
 */
export const POST = learnerEndpoint({}, async ({ learner, request }) => {
  requireJsonType(request);
  return importProgressFile(learner, await readBodyText(request, MAX_IMPORT_BYTES));
});
