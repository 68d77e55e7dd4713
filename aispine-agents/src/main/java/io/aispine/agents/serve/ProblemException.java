package io.aispine.agents.serve;

/** Ends a request with a problem+json answer; thrown by handlers, rendered by the server. */
final class ProblemException extends RuntimeException {

  private final transient Problem problem;

  ProblemException(Problem problem) {
    // An expected answer to a bad request: no stack trace to fill, none to leak.
    super(problem.detail(), null, false, false);
    this.problem = problem;
  }

  Problem problem() {
    return problem;
  }
}
