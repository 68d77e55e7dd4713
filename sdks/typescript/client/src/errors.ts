/** Errors thrown by the client: the server's RFC 9457 problems as typed errors. */

/** One problem inside a request: where it is (JSON pointer, parameter, YAML line and column). */
export interface FieldError {
  pointer: string | null;
  parameter: string | null;
  line: number | null;
  column: number | null;
  detail: string | null;
}

/** An RFC 9457 problem the server answered with. */
export interface Problem {
  type: string | null;
  title: string | null;
  status: number;
  detail: string | null;
  instance: string | null;
  errors: FieldError[];
}

/** `line 14 col 9 (/nodes/1/needs/0): detail`, leaving out what is unknown. */
export function describeFieldError(e: FieldError): string {
  let where = e.line !== null ? `line ${e.line}${e.column !== null ? ` col ${e.column}` : ""}` : "";
  const place = e.pointer || e.parameter;
  if (place) where = where ? `${where} (${place})` : place;
  return where ? `${where}: ${e.detail}` : String(e.detail);
}

/** Every error this client throws. */
export class AispineError extends Error {
  override name = "AispineError";
}

/** The server could not be reached or stopped answering. */
export class AispineConnectionError extends AispineError {
  override name = "AispineConnectionError";
}

/**
 * The server refused a request with an error status; `problem` holds its problem+json. A subclass
 * per status lets callers test what they handle: `NotFoundError`, `ConflictError` …
 */
export class AispineApiError extends AispineError {
  override name = "AispineApiError";

  constructor(
    readonly method: string,
    readonly path: string,
    readonly problem: Problem,
  ) {
    const title = problem.title || `HTTP ${problem.status}`;
    const detail = problem.detail ? `: ${problem.detail}` : "";
    const lines = [`${method} ${path} answered ${problem.status} ${title}${detail}`];
    for (const e of problem.errors) lines.push(`  ${describeFieldError(e)}`);
    super(lines.join("\n"));
  }

  /** The HTTP status, such as 404 or 422. */
  get status(): number {
    return this.problem.status;
  }

  /** The problem type's short name: `invalid-flow` for `urn:aispine:problem:invalid-flow`. */
  get kind(): string {
    const type = this.problem.type ?? "";
    return type.slice(type.lastIndexOf(":") + 1);
  }

  /** One entry per faulty field, parameter or YAML position. */
  get errors(): FieldError[] {
    return this.problem.errors;
  }

  /** The error of the class that matches the problem's status. */
  static of(method: string, path: string, problem: Problem): AispineApiError {
    const cls = BY_STATUS[problem.status] ?? AispineApiError;
    return new cls(method, path, problem);
  }
}

/** 400: malformed or unknown input; `errors` names each field or parameter. */
export class BadRequestError extends AispineApiError {
  override name = "BadRequestError";
}
/** 401: no API key, or one the server does not know. */
export class UnauthorizedError extends AispineApiError {
  override name = "UnauthorizedError";
}
/** 403: the key's role may not do this. */
export class ForbiddenError extends AispineApiError {
  override name = "ForbiddenError";
}
/** 404: no such flow, version, execution, agent or approval. */
export class NotFoundError extends AispineApiError {
  override name = "NotFoundError";
}
/** 409: the resource's state forbids it (cancel of a finished execution, a second answer …). */
export class ConflictError extends AispineApiError {
  override name = "ConflictError";
}
/** 422: an invalid flow (`errors` with YAML line and column) or inputs that do not fit. */
export class UnprocessableError extends AispineApiError {
  override name = "UnprocessableError";
}
/** 423: panic mode is on; every mutation and new run is refused until an admin switches it off. */
export class LockedError extends AispineApiError {
  override name = "LockedError";
}
/** 503: the store is unreachable or the server is shutting down; try again later. */
export class UnavailableError extends AispineApiError {
  override name = "UnavailableError";
}

const BY_STATUS: Record<number, typeof AispineApiError> = {
  400: BadRequestError,
  401: UnauthorizedError,
  403: ForbiddenError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableError,
  423: LockedError,
  503: UnavailableError,
};
