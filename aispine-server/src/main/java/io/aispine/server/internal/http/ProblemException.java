package io.aispine.server.internal.http;

import io.aispine.api.Problem;

/** Ends a request with a problem+json answer; thrown by handlers, rendered by the server. */
public final class ProblemException extends RuntimeException {

  private final transient Problem problem;

  public ProblemException(Problem problem) {
    // An expected answer to a bad request: no stack trace to fill, none to leak.
    super(problem.detail(), null, false, false);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
