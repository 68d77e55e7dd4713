package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Locale;

/**
 * An RFC 9457 problem detail, the body of every 4xx and 5xx answer: what kind of problem ({@code
 * type}, {@code title}), the status, what went wrong with this request and how to fix it ({@code
 * detail}), the request path ({@code instance}), and for invalid fields or flows one {@link
 * FieldError} per problem.
 *
 * @param type {@code urn:aispine:problem:<slug>}, or {@code about:blank} for a body a client made
 *     from a non-problem answer
 * @param instance the request path, or null when the request line could not be read
 * @param errors the individual problems, empty when the detail says it all
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    String type,
    String title,
    int status,
    @Nullable String detail,
    @Nullable String instance,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<FieldError> errors) {

  /** The media type of problem details. */
  public static final String MEDIA_TYPE = "application/problem+json";

  /** The prefix of every problem type the server answers with. */
  public static final String TYPE_PREFIX = "urn:aispine:problem:";

  /** Copies the errors; a missing list reads as empty. */
  public Problem {
    errors = errors == null ? List.of() : List.copyOf(errors);
  }

  /** A problem of one kind; {@code slug} is the suffix after {@code urn:aispine:problem:}. */
  public static Problem of(int status, String slug, String title, String detail) {
    return new Problem(TYPE_PREFIX + slug, title, status, detail, null, List.of());
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
   * A problem for a status answered without a handler of its own (the HTTP server refusing a
   * request before routing): the documented types where there is one, else a type named after the
   * reason phrase ({@code 505 HTTP Version Not Supported} is {@code
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

  /** A 400 whose one problem is at a JSON pointer in the body. */
  public static Problem badField(String pointer, String detail) {
    return badRequest(detail).withErrors(List.of(FieldError.at(pointer, detail)));
  }

  /** A 400 whose one problem is a query parameter or header. */
  public static Problem badParameter(String parameter, String detail) {
    return badRequest(detail).withErrors(List.of(FieldError.ofParameter(parameter, detail)));
  }

  /** A copy that lists individual problems. */
  public Problem withErrors(List<FieldError> errors) {
    return new Problem(type, title, status, detail, instance, errors);
  }

  /** A copy for the request at {@code path}. */
  public Problem at(String path) {
    return new Problem(type, title, status, detail, path, errors);
  }

  /** A copy with another status (a client trusting the HTTP status over the body's). */
  public Problem withStatus(int status) {
    return new Problem(type, title, status, detail, instance, errors);
  }

  /** The type's short name: {@code invalid-flow} for {@code urn:aispine:problem:invalid-flow}. */
  public String kind() {
    if (type == null) {
      return "";
    }
    int colon = type.lastIndexOf(':');
    return colon < 0 ? type : type.substring(colon + 1);
  }

  /**
   * One problem inside a request: where it is (a JSON pointer into the body, a query parameter or
   * header, a YAML line and column) and what is wrong there. Unknown places are left out.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record FieldError(
      @Nullable String pointer,
      @Nullable String parameter,
      @Nullable Integer line,
      @Nullable Integer column,
      String detail) {

    /** A problem at a JSON pointer into the body ({@code ""} for the body as a whole). */
    public static FieldError at(String pointer, String detail) {
      return new FieldError(pointer, null, null, null, detail);
    }

    /** A problem with a query parameter or header. */
    public static FieldError ofParameter(String parameter, String detail) {
      return new FieldError(null, parameter, null, null, detail);
    }

    /** A problem in a YAML source at a pointer, line and column. */
    public static FieldError inSource(String pointer, Integer line, Integer column, String detail) {
      return new FieldError(pointer, null, line, column, detail);
    }

    /** {@code line 14 col 9 (/nodes/1/needs/0): detail}, leaving out what is unknown. */
    @Override
    public String toString() {
      var where = new StringBuilder();
      if (line != null) {
        where.append("line ").append(line);
        if (column != null) {
          where.append(" col ").append(column);
        }
      }
      String place = pointer != null && !pointer.isEmpty() ? pointer : parameter;
      if (place != null && !place.isEmpty()) {
        where.append(where.isEmpty() ? place : " (" + place + ")");
      }
      return where.isEmpty() ? String.valueOf(detail) : where + ": " + detail;
    }
  }
}
