import "server-only";
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { jsonEndpoint } from "@/lib/http";
import { MAX_API_ELEMENTS } from "./requests";

// A million numbers of JSON take about 20 MB; a little more room than that, then 413.
const MAX_BODY_BYTES = 48 * 1024 * 1024;

function refuseTooLarge(body: unknown) {
  if (typeof body !== "object" || body === null) return;
  const { input, shape, weight } = body as Record<string, unknown>;
  const elements = Math.max(
    Array.isArray(input) ? input.length : 0,
    Array.isArray(weight) ? weight.length : 0,
    Array.isArray(shape) && shape.every((dim) => typeof dim === "number") ? shape.reduce((a: number, b: number) => a * b, 1) : 0,
  );
  if (elements > MAX_API_ELEMENTS) {
    throw new AppError(
      "too_large",
      `At most ${MAX_API_ELEMENTS.toLocaleString("en")} elements per request; this one has ${elements.toLocaleString("en")}.`,
      413,
      ["input"],
    );
  }
}

/**
 * One shape for every calculator endpoint: JSON in, validated, the engine called, JSON out. The engine's own
 * errors (ε ≤ 0, lengths, one value per channel…) are AppErrors and become 400s with its code and path.
 */
export function bnEndpoint<S extends z.ZodType>(schema: S, compute: (request: z.output<S>) => unknown) {
  return jsonEndpoint({ body: schema, maxBytes: MAX_BODY_BYTES, precheck: refuseTooLarge }, ({ body }) => {
    try {
      return compute(body as z.output<S>);
    } catch (error) {
      if (error instanceof AppError) throw error;
      // The schema let through something the engine did not expect: a bug to fix, but still the caller's input.
      console.error("calculator endpoint failed", error);
      throw new AppError("cannot_compute", "These inputs cannot be computed.");
    }
  });
}
