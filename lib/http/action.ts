import "server-only";
import type { z } from "zod";
import { AppError, type ErrorPath } from "@/lib/errors";
import { getLearner, type LearnerRef } from "@/lib/learner";

/** What a client island gets back from a server action: its result, or the refusal's code to show. */
export type ActionResult<R> = ({ ok: true } & R) | { ok: false; error: string; path: ErrorPath };

/**
 * One shape for the server actions client islands call: the input validated, the learner of this request
 * found, the work done, and a refusal (AppError) returned as `{ ok: false, error: code }` for the island to
 * show. Anything unexpected is thrown, for the segment's error boundary.
 */
export function learnerAction<S extends z.ZodType, R extends object>(
  schema: S,
  run: (input: z.output<S>, learner: LearnerRef) => Promise<R>,
): (input: unknown) => Promise<ActionResult<R>> {
  return async (input) => {
    const parsed = schema.safeParse(input);
    if (!parsed.success) return { ok: false, error: "invalid_request", path: parsed.error.issues[0]?.path.map(String) ?? [] };
    try {
      return { ok: true, ...(await run(parsed.data, await getLearner())) };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.code, path: error.path };
      throw error;
    }
  };
}
