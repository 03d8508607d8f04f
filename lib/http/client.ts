import "server-only";
import { NextResponse } from "next/server";
import { learnerCookie } from "@/lib/learner";

/**
 * The client's address, for limits kept per address: scripts/serve.ts puts the connection's own address in
 * x-bn-client, overwriting whatever the client sent (behind a proxy it trusts, the proxy's X-Forwarded-For).
 */
export function clientAddress(request: Request): string {
  return request.headers.get("x-bn-client") ?? "unknown";
}

/** A JSON answer that also gives this device a new learner cookie (after sign-in, registration or sign-out). */
export function withLearnerCookie(body: unknown, token: string, request: Request, status = 200): NextResponse {
  const response = NextResponse.json(body, { status });
  response.cookies.set(learnerCookie(token, new URL(request.url).protocol === "https:"));
  return response;
}
