import { relyingParty, signInOptions } from "@/lib/account";
import { appOrigin, learnerEndpoint } from "@/lib/http";

export const POST = learnerEndpoint({}, ({ learner, request }) => signInOptions(learner, relyingParty(appOrigin(request))));
