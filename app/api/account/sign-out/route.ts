import { signOut } from "@/lib/account";
import { learnerEndpoint, withLearnerCookie } from "@/lib/http";

/** POST /api/account/sign-out: ends this device's session; the device starts again as a new anonymous learner. */
export const POST = learnerEndpoint({}, async ({ learner, request }) => withLearnerCookie({ signedOut: true }, await signOut(learner), request));
