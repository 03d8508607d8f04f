import { learnerEndpoint } from "@/lib/http";
import { undoLastReview } from "@/lib/srs/review";

export const POST = learnerEndpoint({}, ({ learner }) => undoLastReview(learner));
