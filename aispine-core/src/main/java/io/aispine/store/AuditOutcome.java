package io.aispine.store;

import java.util.Objects;

/**
 * How an audited request ended: {@code ok} (its change was made; no status, since an entry written
 * in the change's own transaction precedes the response), {@code refused} (a 4xx, with its status)
 * or {@code error} (a 5xx, with its status).
 */
public record AuditOutcome(String name, Integer status) {

  /** The change was made. */
  public static final AuditOutcome OK = new AuditOutcome("ok", null);

  public AuditOutcome {
    Objects.requireNonNull(name, "name");
    if (name.equals("ok") != (status == null)) {
      throw new IllegalArgumentException("only an 'ok' outcome has no status: " + name);
    }
  }

  /** The outcome an HTTP status means: below 400 ok, 4xx refused, 5xx error. */
  public static AuditOutcome ofStatus(int status) {
    if (status < 400) {
      return OK;
    }
    return new AuditOutcome(status < 500 ? "refused" : "error", status);
  }
}
