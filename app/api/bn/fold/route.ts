import { foldIntoPreceding } from "@/lib/bn";
import { bnEndpoint } from "@/lib/bn-api/handler";
import { foldRequestSchema, toFoldArgs } from "@/lib/bn-api/requests";

export const POST = bnEndpoint(foldRequestSchema, (request) => {
  const result = foldIntoPreceding(toFoldArgs(request));
  return { weight: Array.from(result.weight), bias: result.bias };
});
