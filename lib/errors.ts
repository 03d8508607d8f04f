export type ErrorPath = (string | number)[];

/** The HTTP statuses a refusal can carry: every one a 4xx the client can act on, or 503 when a dependency is down. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503;

/**
 * Something a request asked for that cannot be done, said the way the JSON API answers it: a stable `code`,
 * a sentence for people, the HTTP `status`, and the `path` of the request field at fault. Whoever throws one
 * has written nothing. Route handlers and server actions turn it into their answer in one place (lib/http).
 */
export class AppError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    readonly status: ErrorStatus = 400,
    readonly path: ErrorPath = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}
