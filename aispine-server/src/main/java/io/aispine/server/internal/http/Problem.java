package io.aispine.server.internal.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An RFC 9457 problem detail, the body of every 4xx and 5xx answer of the server.
 *
 * @param type {@code urn:aispine:problem:<slug>}
 * @param title a short summary of the kind of problem
 * @param status the HTTP status
 * @param detail what went wrong with this request and how to fix it
 * @param instance the request path
 * @param errors the individual problems ({@code pointer}, {@code line}, {@code column}, {@code
 *     parameter}, {@code detail}), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    List<Map<String, Object>> errors) {

  /** The media type of problem details. */
  public static final String MEDIA_TYPE = "application/problem+json";

  public Problem {
    errors = errors == null ? null : List.copyOf(errors);
  }

  /** A problem of one kind; {@code slug} is the suffix after {@code urn:aispine:problem:}. */
  public static Problem of(int status, String slug, String title, String detail) {
    return new Problem("urn:aispine:problem:" + slug, title, status, detail, null, null);
  }

  /** 400: malformed syntax, unknown field, wrong type, bad parameter. */
  public static Problem badRequest(String detail) {
    return of(400, "bad-request", "Bad request", detail);
  }

  /** 401: no or unknown API key. */
  public static Problem unauthorized(String detail) {
    return of(401, "unauthorized", "Unauthorized", detail);
  }

  /** 403: the API key is known but its role may not do this. */
  public static Problem forbidden(String detail) {
    return of(403, "forbidden", "Forbidden", detail);
  }

  /** 404: no such resource or route. */
  public static Problem notFound(String detail) {
    return of(404, "not-found", "Not found", detail);
  }

  /** 405: the route exists, the method does not. */
  public static Problem methodNotAllowed(String detail) {
    return of(405, "method-not-allowed", "Method not allowed", detail);
  }

  /** 409: the request conflicts with what is stored. */
  public static Problem conflict(String detail) {
    return of(409, "conflict", "Conflict", detail);
  }

  /** 413: the body is over the limit. */
  public static Problem payloadTooLarge(long limitBytes) {
    return of(
        413,
        "payload-too-large",
        "Payload too large",
        "the request body must be at most " + limitBytes + " bytes");
  }

  /** 415: a body of a media type the route does not take. */
  public static Problem unsupportedMediaType(String detail) {
    return of(415, "unsupported-media-type", "Unsupported media type", detail);
  }

  /** 503: store unreachable or shutting down. */
  public static Problem unavailable(String detail) {
    return of(503, "unavailable", "Service unavailable", detail);
  }

  /** 500: a bug; the detail never holds a stack trace. */
  public static Problem internal(String detail) {
    return of(500, "internal-error", "Internal error", detail);
  }

  /**
   * A problem for a status the server answers without a handler of its own (Jetty refusing a
   * request before routing, Javalin's own errors): the documented types where there is one, else a
   * type named after the reason phrase ({@code 505 HTTP Version Not Supported} is {@code
   * urn:aispine:problem:http-version-not-supported}), so that the body's {@code status} is always
   * the response's.
   */
  public static Problem forStatus(int status, String reason, String detail) {
    return switch (status) {
      case 400 -> badRequest(detail);
      case 401 -> unauthorized(detail);
      case 403 -> forbidden(detail);
      case 404 -> notFound(detail);
      case 405 -> methodNotAllowed(detail);
      case 409 -> conflict(detail);
      case 415 -> unsupportedMediaType(detail);
      case 500 -> internal(detail);
      case 503 -> unavailable(detail);
      default -> {
        String title = reason == null || reason.isBlank() ? "HTTP status " + status : reason;
        String slug = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        yield of(status, slug.replaceAll("^-|-$", ""), title, detail);
      }
    };
  }

  /** A copy that lists individual problems. */
  public Problem withErrors(List<Map<String, Object>> errors) {
    return new Problem(type, title, status, detail, instance, errors);
  }

  /** A copy for the request at {@code path}. */
  public Problem at(String path) {
    return new Problem(type, title, status, detail, path, errors);
  }

  /** A copy of a 400 whose one problem is at a JSON pointer in the body. */
  public static Problem badField(String pointer, String detail) {
    return badRequest(detail).withErrors(List.of(Map.of("pointer", pointer, "detail", detail)));
  }

  /** A copy of a 400 whose one problem is a query parameter or header. */
  public static Problem badParameter(String parameter, String detail) {
    return badRequest(detail).withErrors(List.of(Map.of("parameter", parameter, "detail", detail)));
  }
}
