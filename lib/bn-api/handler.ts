import "server-only";
import type { z } from "zod";
import { apiError, readJson } from "@/lib/api";
import { BnError } from "@/lib/bn";
import { MAX_API_ELEMENTS } from "./requests";

// A million numbers of JSON take about 20 MB; a little more room than that, then 413.
const MAX_BODY_BYTES = 48 * 1024 * 1024;

function tooLarge(body: unknown) {
  if (typeof body !== "object" || body === null) return null;
  const { input, shape, weight } = body as Record<string, unknown>;
  const elements = Math.max(
    Array.isArray(input) ? input.length : 0,
    Array.isArray(weight) ? weight.length : 0,
    Array.isArray(shape) && shape.every((dim) => typeof dim === "number") ? shape.reduce((a: number, b: number) => a * b, 1) : 0,
  );
  return elements > MAX_API_ELEMENTS
    ? apiError(413, "too_large", `At most ${MAX_API_ELEMENTS.toLocaleString("en")} elements per request; this one has ${elements.toLocaleString("en")}.`, ["input"])
    : null;
}

/**
 * One shape for every calculator endpoint: JSON in, validated, the engine called, JSON out. The engine's own
 * errors (ε ≤ 0, lengths, one value per channel…) become 400s with its code and path; nothing answers 500.
 */
export function bnEndpoint<S extends z.ZodType>(schema: S, compute: (request: z.output<S>) => unknown) {
  return async function POST(request: Request) {
    const body = await readJson(request, schema, { maxBytes: MAX_BODY_BYTES, precheck: tooLarge });
    if ("response" in body) return body.response;
    try {
      return Response.json(compute(body.data));
    } catch (error) {
      if (error instanceof BnError) return apiError(400, error.code, error.message, error.path);
      console.error("calculator endpoint failed", error);
      return apiError(400, "cannot_compute", "These inputs cannot be computed.");
    }
  };
}
