package io.aispine.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A generated request: method, target, headers and body for the JDK client, or {@code raw} bytes
 * written on a socket for what no client sends.
 *
 * @param index its number in the run
 * @param operation the OpenAPI operation it aims at
 * @param headers name and value pairs, in order
 * @param body the body, or null for none
 * @param chunked whether the body is sent without a length
 * @param raw the whole request as bytes, or null
 */
record HostileRequest(
    int index,
    String operation,
    String method,
    String target,
    List<String[]> headers,
    byte[] body,
    boolean chunked,
    byte[] raw) {

  /** What a failure report shows: enough to recognise it, never the whole body. */
  @Override
  public String toString() {
    if (raw != null) {
      return "#" + index + " raw " + clip(new String(raw, StandardCharsets.ISO_8859_1));
    }
    String type =
        headers.stream()
            .filter(h -> h[0].equals("Content-Type"))
            .map(h -> h[1])
            .findFirst()
            .orElse("-");
    return "#"
        + index
        + " "
        + method
        + " "
        + clip(target)
        + " ("
        + operation
        + ") ["
        + clip(type)
        + "] "
        + (body == null
            ? "no body"
            : body.length
                + " bytes"
                + (chunked ? " chunked" : "")
                + ": "
                + clip(new String(body, StandardCharsets.UTF_8)));
  }

  private static String clip(String text) {
    String flat = text.replaceAll("\\p{Cntrl}", "?");
    return flat.length() <= 100 ? flat : flat.substring(0, 100) + "…(" + flat.length() + ")";
  }

  /** Collects a request's parts. */
  static final class Builder {
    private final int index;
    private final String operation;
    private final String method;
    private final String target;
    private final List<String[]> headers = new ArrayList<>();
    private byte[] body;
    private boolean chunked;

    Builder(int index, String operation, String method, String target) {
      this.index = index;
      this.operation = operation;
      this.method = method;
      this.target = target;
    }

    Builder header(String name, String value) {
      headers.add(new String[] {name, value});
      return this;
    }

    /** A body with its Content-Type (none when null). */
    Builder body(String contentType, String text, boolean chunked) {
      if (contentType != null) {
        header("Content-Type", contentType);
      }
      this.body = text.getBytes(StandardCharsets.UTF_8);
      this.chunked = chunked;
      return this;
    }

    HostileRequest build() {
      return new HostileRequest(
          index, operation, method, target, List.copyOf(headers), body, chunked, null);
    }
  }

  /** A request written as is on a socket. */
  static HostileRequest raw(int index, String operation, byte[] bytes) {
    return new HostileRequest(index, operation, null, null, List.of(), null, false, bytes);
  }
}
