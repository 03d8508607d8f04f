import { learnerEndpoint } from "@/lib/http";
import { gradeCard } from "@/lib/srs/review";
import { gradeRequestSchema } from "@/lib/srs/validation";

export const POST = learnerEndpoint({ body: gradeRequestSchema, status: 201 }, ({ learner, body }) => gradeCard({ learner, ...body }));
