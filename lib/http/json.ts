import "server-only";
import { NextResponse } from "next/server";
import type { z } from "zod";
import { AppError, type ErrorPath } from "@/lib/errors";

export type ApiErrorBody = { error: { code: string; message: string; path: ErrorPath } };

export function apiError(status: number, code: string, message: string, path: ErrorPath = []) {
  return NextResponse.json<ApiErrorBody>({ error: { code, message, path } }, { status });
}

/** The JSON answer to a failed request: an AppError as it says, anything else a 500 without its details. */
export function errorResponse(error: unknown) {
  if (error instanceof AppError) return apiError(error.status, error.code, error.message, error.path);
  console.error("request failed", error);
  return apiError(500, "internal_error", "The server could not do this. Nothing was changed; try again.");
}

export const MAX_BODY_BYTES = 1024 * 1024;
/**
 * Above this size a body's parsing and checking each take milliseconds: between the steps the event loop
 * serves others, so a few large requests at once never hold up a small one for long.
 */
const LARGE_BODY = 64 * 1024;
export const isLargeBody = (text: string) => text.length > LARGE_BODY;
export const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
/** Deeper JSON than this is refused before anything walks it recursively (a checksum, a schema). */
export const MAX_JSON_DEPTH = 64;

const tooLarge = (maxBytes: number) => new AppError("too_large", `The body is over ${maxBytes.toLocaleString("en")} bytes.`, 413);

/**
 * The body as text, read as it streams in and refused (413) the moment it passes `maxBytes`: a declared or a
 * chunked body alike, before anything parses or hashes it. Bytes that are not UTF-8 are refused too.
 */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("invalid_json", "The body is not UTF-8 text.");
  }
}

/**
 * Refuses JSON no part of the app could have sent: nesting deeper than MAX_JSON_DEPTH, or a string that is not
 * well-formed Unicode (a lone surrogate such as "\ud800", which a database cannot store). Iterative, so a
 * hostile nesting cannot overflow the stack here.
 */
export function checkJsonShape(value: unknown): void {
  const stack: { value: unknown; path: ErrorPath }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: item, path } = stack.pop()!;
    if (typeof item === "string") {
      if (!item.isWellFormed()) throw new AppError("invalid_text", "Text must be well-formed Unicode.", 400, path);
    } else if (item !== null && typeof item === "object") {
      if (path.length >= MAX_JSON_DEPTH) throw new AppError("too_deep", `JSON nested deeper than ${MAX_JSON_DEPTH} levels.`, 400, path.slice(0, 8));
      const entries = Array.isArray(item) ? item.map((child, index) => [index, child] as const) : Object.entries(item);
      for (const [key, child] of entries) {
        if (typeof key === "string" && !key.isWellFormed()) throw new AppError("invalid_text", "Keys must be well-formed Unicode.", 400, path);
        stack.push({ value: child, path: [...path, key] });
      }
    }
  }
}

/** Parses JSON text that checkJsonShape accepts; 400 otherwise. */
export function parseJsonText(text: string): unknown {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("invalid_json", "The body is not valid JSON.");
  }
  checkJsonShape(body);
  return body;
}

export function requireJsonType(request: Request): void {
  if (!/^application\/json\b/i.test(request.headers.get("content-type") ?? "")) {
    throw new AppError("unsupported_media_type", "Send the body as JSON with Content-Type: application/json.", 415);
  }
}

/** A zod failure as the API says it: the first issue, with the path of the field at fault. */
export function invalidRequest(error: z.ZodError): AppError {
  const issue = error.issues[0]!;
  return new AppError("invalid_request", issue.message, 400, issue.path.map((key) => (typeof key === "symbol" ? String(key) : key)));
}

/**
 * Reads and validates a JSON body: 415 for a body that is not JSON, 413 for one that is too large, 400 naming
 * the first invalid field. `precheck` may refuse a body before the schema walks it (by size, say).
 */
export async function readJson<T extends z.ZodType>(
  request: Request,
  schema: T,
  { maxBytes = MAX_BODY_BYTES, precheck }: { maxBytes?: number; precheck?: (body: unknown) => void } = {},
): Promise<z.output<T>> {
  requireJsonType(request);
  return parseJsonBody(await readBodyText(request, maxBytes), schema, { precheck });
}

/** The second half of readJson: JSON text already read, parsed and validated, a large body in steps. */
export async function parseJsonBody<T extends z.ZodType>(text: string, schema: T, { precheck }: { precheck?: (body: unknown) => void } = {}): Promise<z.output<T>> {
  const large = isLargeBody(text);
  const body = parseJsonText(text);
  precheck?.(body);
  if (large) await nextTurn();
  const parsed = schema.safeParse(body);
  if (large) await nextTurn();
  if (!parsed.success) throw invalidRequest(parsed.error);
  return parsed.data;
}
