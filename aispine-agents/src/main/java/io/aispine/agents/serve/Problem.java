package io.aispine.agents.serve;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail, the body of every 4xx and 5xx answer of an {@link AgentServer}.
 *
 * @param type a URI naming the kind of problem
 * @param title a short summary of the kind of problem
 * @param status the HTTP status
 * @param detail what went wrong with this request, and how to fix it
 * @param pointer a JSON pointer to the request field at fault, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String pointer) {

  /** The media type of problem details. */
  public static final String MEDIA_TYPE = "application/problem+json";

  static Problem badRequest(String detail, String pointer) {
    return new Problem(type("invalid-request"), "Invalid request", 400, detail, pointer);
  }

  static Problem unauthorized(String detail) {
    return new Problem(type("invalid-signature"), "Invalid signature", 401, detail, null);
  }

  static Problem notFound(String detail) {
    return new Problem(type("not-found"), "Not found", 404, detail, null);
  }

  static Problem methodNotAllowed(String detail) {
    return new Problem(type("method-not-allowed"), "Method not allowed", 405, detail, null);
  }

  static Problem tooLarge(long limitBytes) {
    return new Problem(
        type("body-too-large"),
        "Request body too large",
        413,
        "the body must be at most " + limitBytes + " bytes",
        null);
  }

  static Problem unavailable(String detail) {
    return new Problem(type("unavailable"), "Service unavailable", 503, detail, null);
  }

  static Problem internal(String detail) {
    return new Problem(type("internal-error"), "Internal error", 500, detail, null);
  }

  static Problem ofStatus(int status, String detail) {
    return new Problem("about:blank", "HTTP " + status, status, detail, null);
  }

  private static String type(String slug) {
    return "urn:aispine:problem:" + slug;
  }
}
