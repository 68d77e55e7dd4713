package io.aispine.store;

/**
 * Who sent an audited request: the API key's id and role (both null when the request carried no
 * known key) and the address it came from.
 */
public record AuditActor(String keyId, String role, String source) {

  /** A request without a known key. */
  public static AuditActor anonymous(String source) {
    return new AuditActor(null, null, source);
  }
}
