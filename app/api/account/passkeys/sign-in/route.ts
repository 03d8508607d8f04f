import { authenticationResponseSchema, relyingParty, signInWithPasskey } from "@/lib/account";
import { appOrigin, learnerEndpoint, withLearnerCookie } from "@/lib/http";

export const POST = learnerEndpoint({ body: authenticationResponseSchema }, async ({ learner, body, request }) => {
  const { token, merged } = await signInWithPasskey(learner, body, relyingParty(appOrigin(request)));
  return withLearnerCookie({ signedIn: true, merged }, token, request);
});
