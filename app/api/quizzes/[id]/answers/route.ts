import { learnerEndpoint } from "@/lib/http";
import { answerRequestSchema } from "@/lib/quiz/request";
import { answerQuestion } from "@/lib/quiz/session";

export const POST = learnerEndpoint<typeof answerRequestSchema, { id: string }>(
  { body: answerRequestSchema, status: 201 },
  async ({ learner, body, params }) => {
    const { outcome, rating, finished } = await answerQuestion(learner, params.id, body);
    return { outcome, rating, finished };
  },
);
