package io.aispine.store;

/** A flow version was stored again with different content. Versions are immutable. */
public final class FlowConflictException extends StoreException {
  public FlowConflictException(String id, String version) {
    super(
        "flow "
            + id
            + " version "
            + version
            + " is already stored with different content; bump the version to change it");
  }
}
