import { backward } from "@/lib/bn";
import { bnEndpoint } from "@/lib/bn-api/handler";
import { backwardRequestSchema, toBackwardArgs } from "@/lib/bn-api/requests";

export const POST = bnEndpoint(backwardRequestSchema, (request) => {
  const result = backward(toBackwardArgs(request));
  return { dx: Array.from(result.dx), dgamma: result.dgamma, dbeta: result.dbeta };
});
