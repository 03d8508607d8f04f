import { registerPasskey, registrationResponseSchema, relyingParty } from "@/lib/account";
import { appOrigin, learnerEndpoint, withLearnerCookie } from "@/lib/http";

export const POST = learnerEndpoint({ body: registrationResponseSchema }, async ({ learner, body, request }) => {
  const { token, recoveryCodes } = await registerPasskey(learner, body, relyingParty(appOrigin(request)));
  return withLearnerCookie({ registered: true, recoveryCodes }, token, request, 201);
});
