import { registrationOptions, relyingParty } from "@/lib/account";
import { appOrigin, learnerEndpoint } from "@/lib/http";

export const POST = learnerEndpoint({}, ({ learner, request }) => registrationOptions(learner, relyingParty(appOrigin(request))));
