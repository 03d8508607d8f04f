import { forward } from "@/lib/bn";
import { bnEndpoint } from "@/lib/bn-api/handler";
import { forwardRequestSchema, toForwardArgs } from "@/lib/bn-api/requests";

export const POST = bnEndpoint(forwardRequestSchema, (request) => {
  const result = forward(toForwardArgs(request));
  return {
    output: Array.from(result.output),
    mean: result.normMean,
    var: result.normVar,
    valuesPerChannel: result.valuesPerChannel,
    runningMean: result.running?.meanAfter ?? null,
    runningVar: result.running?.varAfter ?? null,
    numBatchesTracked: result.running?.numBatchesTrackedAfter ?? null,
  };
});
