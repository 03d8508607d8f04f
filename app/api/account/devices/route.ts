import { listDevices } from "@/lib/account";
import { learnerEndpoint } from "@/lib/http";

export const GET = learnerEndpoint({}, async ({ learner }) => ({ devices: await listDevices(learner) }));
