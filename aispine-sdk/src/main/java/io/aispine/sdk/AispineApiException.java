package io.aispine.sdk;

import io.aispine.api.Problem;

/**
 * The server refused a request with an error status; {@link #problem()} holds its problem+json (for
 * bodies that were not problem+json, one is made from the status and the start of the body).
 */
public final class AispineApiException extends AispineException {

  private final String method;
  private final String path;
  private final Problem problem;

  /** An error answer to {@code method path}. */
  public AispineApiException(String method, String path, Problem problem) {
    super(summary(method, path, problem), null);
    this.method = method;
    this.path = path;
    this.problem = problem;
  }

  /** The HTTP status, such as 404 or 422. */
  public int status() {
    return problem.status();
  }

  /** The problem the server described. */
  public Problem problem() {
    return problem;
  }

  /** The HTTP method of the refused request. */
  public String method() {
    return method;
  }

  /** The path of the refused request, such as {@code /api/v1/flows}. */
  public String path() {
    return path;
  }

  /** The summary line, then one indented line per field problem (with line and column). */
  @Override
  public String toString() {
    var text = new StringBuilder(getMessage());
    for (Problem.FieldError error : problem.errors()) {
      text.append(System.lineSeparator()).append("  ").append(error);
    }
    return text.toString();
  }

  private static String summary(String method, String path, Problem p) {
    String title = p.title() == null || p.title().isBlank() ? "HTTP " + p.status() : p.title();
    String detail = p.detail() == null || p.detail().isBlank() ? "" : ": " + p.detail();
    return method + " " + path + " answered " + p.status() + " " + title + detail;
  }
}
