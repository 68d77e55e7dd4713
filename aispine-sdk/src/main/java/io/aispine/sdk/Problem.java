package io.aispine.sdk;

import java.util.List;

/**
 * An RFC 9457 problem the server answered with: type, title, status, detail, the request path, and
 * for invalid fields or flows, one entry per problem with a JSON pointer and a YAML line and
 * column.
 */
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    List<FieldError> errors) {

  /** Copies the errors; a missing list reads as empty. */
  public Problem {
    errors = errors == null ? List.of() : List.copyOf(errors);
  }

  /** The type's short name: {@code invalid-flow} for {@code urn:aispine:problem:invalid-flow}. */
  public String kind() {
    if (type == null) {
      return "";
    }
    int colon = type.lastIndexOf(':');
    return colon < 0 ? type : type.substring(colon + 1);
  }

  /** One problem inside a request: where it is and what is wrong there. */
  public record FieldError(String pointer, Integer line, Integer column, String detail) {

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
      if (pointer != null && !pointer.isEmpty()) {
        where.append(where.isEmpty() ? pointer : " (" + pointer + ")");
      }
      return where.isEmpty() ? String.valueOf(detail) : where + ": " + detail;
    }
  }
}
