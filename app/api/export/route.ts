import { dayKey } from "@/lib/calendar";
import { learnerEndpoint } from "@/lib/http";
import { getSettings } from "@/lib/learner";
import { exportProgress } from "@/lib/transfer";

/** GET /api/export: the learner's whole progress as a downloadable, checksummed JSON file. */
export const GET = learnerEndpoint({}, async ({ learner }) => {
  const now = new Date();
  const [file, { timeZone }] = await Promise.all([exportProgress(learner, now), getSettings(learner)]);
  return new Response(JSON.stringify(file, null, 2), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="bn-progress-${dayKey(now, timeZone)}.json"`,
      "cache-control": "no-store",
    },
  });
});
