import { z } from "zod";
import { signInWithRecoveryCode } from "@/lib/account";
import { clientAddress, learnerEndpoint, withLearnerCookie } from "@/lib/http";

export const POST = learnerEndpoint({ body: z.strictObject({ code: z.string().max(40) }) }, async ({ learner, body, request }) => {
  const { token, merged } = await signInWithRecoveryCode(learner, body.code, clientAddress(request));
  return withLearnerCookie({ signedIn: true, merged }, token, request);
});
