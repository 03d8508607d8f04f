import { countParams } from "@/lib/bn";
import { bnEndpoint } from "@/lib/bn-api/handler";
import { paramsRequestSchema, toLayerSpec } from "@/lib/bn-api/requests";

export const POST = bnEndpoint(paramsRequestSchema, (request) => {
  const { trainable, nonTrainable, buffers, reportedTotal, tensors } = countParams(toLayerSpec(request));
  return { trainable, nonTrainable, buffers, reportedTotal, tensors };
});
