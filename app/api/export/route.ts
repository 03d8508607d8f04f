import { learnerEndpoint } from "@/lib/http";
import { exportProgress } from "@/lib/transfer";

/** GET /api/export: the learner's whole progress as a downloadable, checksummed JSON file. */
export const GET = learnerEndpoint({}, async ({ learner }) => {
  const now = new Date();
  const file = await exportProgress(learner, now);
  return new Response(JSON.stringify(file, null, 2), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="bn-progress-${now.toISOString().slice(0, 10)}.json"`,
      "cache-control": "no-store",
    },
  });
});
