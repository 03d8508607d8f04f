import "server-only";
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { learnerOfRequest, UNKNOWN_LEARNER, type LearnerRef } from "@/lib/learner";
import { errorResponse, readJson } from "./json";

type Context<P> = { params: Promise<P> };

type EndpointOptions<S extends z.ZodType | undefined> = {
  /** the JSON body's schema; without one the body is not read (the handler may read it itself) */
  body?: S;
  maxBytes?: number;
  /** refuses a parsed body before the schema walks it */
  precheck?: (body: unknown) => void;
  /** the status of a successful answer (default 200) */
  status?: number;
};

type Body<S> = S extends z.ZodType ? z.output<S> : undefined;

/** The app's own origin: APP_ORIGIN when set, else the one the request was addressed to. */
export function appOrigin(request: Request): string {
  return process.env.APP_ORIGIN ? new URL(process.env.APP_ORIGIN).origin : new URL(request.url).origin;
}

/**
 * A state-changing request a browser sends from another site carries that site's Origin: refused, so no page
 * elsewhere can act with a learner's cookie. Scripts that send no Origin (curl) are not browsers and pass.
 */
function refuseForeignOrigin(request: Request) {
  if (request.method === "GET" || request.method === "HEAD") return;
  const origin = request.headers.get("origin");
  if (origin !== null && origin !== appOrigin(request)) {
    throw new AppError("foreign_origin", "This request came from another site and is refused.", 403);
  }
}

/**
 * One shape for every JSON route: the body read (bounded) and validated, the handler called, its result sent
 * as JSON (or as the Response it built), and every failure answered as `{ error: { code, message, path } }`:
 * an AppError with its own status, anything else a 500 without a stack trace.
 */
export function jsonEndpoint<S extends z.ZodType | undefined = undefined, P = Record<string, string>>(
  options: EndpointOptions<S>,
  handler: (input: { body: Body<S>; params: P; request: Request }) => unknown,
) {
  return async function endpoint(request: Request, context?: Context<P>): Promise<Response> {
    try {
      refuseForeignOrigin(request);
      const body = (options.body ? await readJson(request, options.body, options) : undefined) as Body<S>;
      const result = await handler({ body, params: ((await context?.params) ?? {}) as P, request });
      return result instanceof Response ? result : Response.json(result, { status: options.status ?? 200 });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/**
 * jsonEndpoint for a learner's own data: the learner comes from the request's credentials and is checked
 * before the body is read, so an anonymous request costs nothing. The JSON API never creates a learner.
 */
export function learnerEndpoint<S extends z.ZodType | undefined = undefined, P = Record<string, string>>(
  options: EndpointOptions<S>,
  handler: (input: { learner: LearnerRef; body: Body<S>; params: P; request: Request }) => unknown,
) {
  return async function endpoint(request: Request, context?: Context<P>): Promise<Response> {
    const learner = await learnerOfRequest(request);
    if (!learner) return errorResponse(new AppError("unauthorized", UNKNOWN_LEARNER, 401));
    return jsonEndpoint<S, P>(options, (input) => handler({ ...input, learner }))(request, context);
  };
}
