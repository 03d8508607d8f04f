import "server-only";
import type { z } from "zod";
import { BnError } from "@/lib/bn";
import { AppError } from "@/lib/errors";
import { isLargeBody, jsonEndpoint, nextTurn, oneAtATime, parseJsonBody, readBodyText, requireJsonType } from "@/lib/http";
import { MAX_API_ELEMENTS } from "./requests";

// MAX_API_ELEMENTS numbers of JSON take about 2 MB; twice that room, then 413 while the body is still arriving.
const MAX_BODY_BYTES = 4 * 1024 * 1024;

const product = (dims: unknown) => (Array.isArray(dims) && dims.every((dim) => typeof dim === "number") ? dims.reduce((a: number, b: number) => a * b, 1) : 0);

/** Refuses, before validation walks it, a body with any array (or a declared shape) over the element limit. */
function refuseTooLarge(body: unknown) {
  if (typeof body !== "object" || body === null) return;
  const fields = body as Record<string, unknown>;
  const sizes: [string, number][] = Object.entries(fields).map(([key, value]) => [key, Array.isArray(value) ? value.length : 0]);
  sizes.push(["shape", product(fields.shape)], ["weightShape", product(fields.weightShape)]);
  const [field, elements] = sizes.reduce((largest, entry) => (entry[1] > largest[1] ? entry : largest), ["input", 0] as [string, number]);
  if (elements > MAX_API_ELEMENTS) {
    throw new AppError(
      "too_large",
      `At most ${MAX_API_ELEMENTS.toLocaleString("en")} elements per request; ${field} has ${elements.toLocaleString("en")}.`,
      413,
      [field],
    );
  }
}

/**
 * Finite inputs can still overflow float64 on the way (γ = 1e308 times x̂): JSON has no Infinity, so such a
 * result would arrive as null. It is refused instead, as an overflowing input is.
 */
function refuseNonFinite<T>(result: T): T {
  for (const [field, value] of Object.entries(result as Record<string, unknown>)) {
    const numbers = typeof value === "number" ? [value] : Array.isArray(value) || ArrayBuffer.isView(value) ? (value as ArrayLike<unknown>) : [];
    for (let i = 0; i < numbers.length; i++) {
      const number = numbers[i];
      if (typeof number === "number" && !Number.isFinite(number)) {
        throw new BnError("bad_value", `The result's ${field} is beyond float64 (it would be ${number}): the inputs are too large.`, [field]);
      }
    }
  }
  return result;
}

/*
 * Large calculations take their steps (parse, validate, compute, write out) one request at a time. Interleaved,
 * five of them at the size limit put five steps between any two turns of a small request, which then waited
 * over a second; in turn, a small request waits at most one step.
 */
const largeCalculations = oneAtATime();

/**
 * One shape for every calculator endpoint: JSON in, validated, the engine called, JSON out. The engine's own
 * errors (ε ≤ 0, lengths, one value per channel…) are AppErrors and become 400s with its code and path.
 */
export function bnEndpoint<S extends z.ZodType>(schema: S, compute: (request: z.output<S>) => unknown) {
  return jsonEndpoint({}, async ({ request }) => {
    requireJsonType(request);
    const text = await readBodyText(request, MAX_BODY_BYTES);
    const calculate = async () => {
      const body = await parseJsonBody(text, schema, { precheck: refuseTooLarge });
      let result: unknown;
      try {
        result = refuseNonFinite(compute(body));
      } catch (error) {
        if (error instanceof AppError) throw error;
        // The schema let through something the engine did not expect: a bug to fix, but still the caller's input.
        console.error("calculator endpoint failed", error);
        throw new AppError("cannot_compute", "These inputs cannot be computed.");
      }
      // Writing a large result out as JSON is a step of its own too (see readJson), inside the queue.
      await nextTurn();
      return Response.json(result);
    };
    return isLargeBody(text) ? largeCalculations(calculate) : calculate();
  });
}
