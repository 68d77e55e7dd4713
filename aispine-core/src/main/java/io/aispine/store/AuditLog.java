package io.aispine.store;

import java.util.List;
import java.util.function.Supplier;

/**
 * The append-only, hash-chained audit log of the server's API. Appends are serialised by the store
 * (one writer), so the chain never forks.
 */
public interface AuditLog {

  /** Appends {@code event} in a transaction of its own and returns its entry. */
  AuditEntry append(AuditEvent event);

  /**
   * Runs {@code write} (one call to a write of this store) so that, when its transaction changes
   * the target, {@code event} is appended inside that same transaction, with the target's hashes
   * read in it before and after the change. Returns the write's result; {@link Pending#entry()}
   * tells whether it was appended (a write that changed nothing appends nothing).
   */
  <T> T appendWithin(Pending pending, Supplier<T> write);

  /** SHA-256 of the target's canonical stored JSON as committed now, or null if it is absent. */
  String hashOf(AuditTarget target);

  /** Entries matching the query, oldest first. */
  List<AuditEntry> list(AuditQuery query);

  /** Walks the whole chain from its first entry, a page at a time, and stops at the first break. */
  default Verification verify() {
    var walk = new AuditChain.Walk();
    long after = 0;
    while (true) {
      List<AuditEntry> page = list(AuditQuery.all(after, 1000));
      for (AuditEntry entry : page) {
        var broken = walk.next(entry);
        if (broken.isPresent()) {
          return new Verification(walk.checked(), broken.get());
        }
        after = entry.seq();
      }
      if (page.size() < 1000) {
        return new Verification(walk.checked(), null);
      }
    }
  }

  /**
   * What {@link #verify} found.
   *
   * @param sound how many entries, from the first, follow the chain
   * @param broken the first broken entry, or null when the whole log is sound
   */
  record Verification(long sound, AuditChain.Break broken) {}

  /** An event waiting to be appended by the write it describes. */
  final class Pending {
    private final AuditEvent event;
    private volatile AuditEntry entry;

    public Pending(AuditEvent event) {
      this.event = event;
    }

    /** The event to append. */
    public AuditEvent event() {
      return event;
    }

    /** The entry once the write appended it; null while it has not. */
    public AuditEntry entry() {
      return entry;
    }

    /** Called by the store inside the write's transaction. */
    public void appended(AuditEntry entry) {
      this.entry = entry;
    }
  }
}
