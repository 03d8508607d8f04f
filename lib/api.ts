import "server-only";
import { cookies } from "next/headers";
import { NextResponse } from "next/server";
import { LEARNER_COOKIE, learnerIdFromToken, UNKNOWN_LEARNER } from "@/lib/learner/identity";
import type { z } from "zod";

export type ApiErrorBody = { error: { code: string; message: string; path: (string | number)[] } };

export function apiError(status: number, code: string, message: string, path: (string | number)[] = []) {
  return NextResponse.json<ApiErrorBody>({ error: { code, message, path } }, { status });
}

const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Reads and validates a JSON body. Returns the parsed data, or the 4xx response to send: 415 for a body that
 * is not JSON, 413 for one that is too large, 400 naming the first invalid field.
 */
export async function readJson<T extends z.ZodType>(
  request: Request,
  schema: T,
  {
    maxBytes = MAX_BODY_BYTES,
    precheck,
  }: { maxBytes?: number; precheck?: (body: unknown) => NextResponse<ApiErrorBody> | null } = {},
): Promise<{ data: z.output<T> } | { response: NextResponse<ApiErrorBody> }> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) {
    return { response: apiError(415, "unsupported_media_type", "Send the body as JSON with Content-Type: application/json.") };
  }
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > maxBytes) return { response: apiError(413, "too_large", `The body is over ${maxBytes} bytes.`) };
  let body: unknown;
  try {
    const text = await request.text();
    if (text.length > maxBytes) return { response: apiError(413, "too_large", `The body is over ${maxBytes} bytes.`) };
    body = JSON.parse(text);
  } catch {
    return { response: apiError(400, "invalid_json", "The body is not valid JSON.") };
  }
  const refused = precheck?.(body);
  if (refused) return { response: refused };
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return {
      response: apiError(400, "invalid_request", issue.message, issue.path.map((key) => (typeof key === "symbol" ? String(key) : key))),
    };
  }
  return { data: parsed.data };
}

/**
 * The learner a route handler acts for, from the cookie; a missing or malformed cookie gets the 401 to answer.
 * Whether this installation knows the learner is checked where the work happens, inside its transaction, so
 * a made-up cookie is refused there with a 401 too and the hot path pays no extra query.
 */
export async function requireLearner(): Promise<{ learnerId: string } | { response: NextResponse<ApiErrorBody> }> {
  const learnerId = learnerIdFromToken((await cookies()).get(LEARNER_COOKIE)?.value);
  if (learnerId) return { learnerId };
  return { response: apiError(401, "unauthorized", UNKNOWN_LEARNER) };
}
