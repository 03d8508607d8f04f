import { rmsNorm } from "@/lib/bn";
import { bnEndpoint } from "@/lib/bn-api/handler";
import { rmsNormRequestSchema } from "@/lib/bn-api/requests";

/** POST /api/bn/rms-norm: RMSNorm's forward pass, as torch.nn.RMSNorm and keras.layers.RMSNormalization compute it. */
export const POST = bnEndpoint(rmsNormRequestSchema, (request) => {
  const { framework, normalizedShape, eps, rows, valuesPerRow, meanSquare, invRms, output } = rmsNorm(request);
  return { framework, normalizedShape, eps, rows, valuesPerRow, meanSquare, invRms, output: Array.from(output) };
});
