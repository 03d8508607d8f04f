import { z } from "zod";
import { revokeDevices } from "@/lib/account";
import { learnerEndpoint } from "@/lib/http";

const revokeSchema = z.union([z.strictObject({ device: z.string().regex(/^[0-9a-f]{16}$/) }), z.strictObject({ others: z.literal(true) })]);

/** POST /api/account/devices/revoke: signs out one other device ({ device }) or all the others ({ others: true }). */
export const POST = learnerEndpoint({ body: revokeSchema }, async ({ learner, body }) => ({
  revoked: await revokeDevices(learner, "device" in body ? { device: body.device } : "others"),
}));
