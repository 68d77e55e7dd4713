package io.aispine.store;

import java.util.function.Supplier;

/**
 * The audit entry that the request handled on this thread waits to append in the transaction of the
 * write that makes its change. The first write that takes it (a store write, or the engine, which
 * hands it to its group commit) appends it; the request never commits an entry of its own for a
 * change.
 */
public final class AuditScope {

  private static final ThreadLocal<AuditLog.Pending> CURRENT = new ThreadLocal<>();

  private AuditScope() {}

  /** Runs {@code write} with {@code pending} waiting on this thread, and clears it afterwards. */
  public static <T> T run(AuditLog.Pending pending, Supplier<T> write) {
    AuditLog.Pending outer = CURRENT.get();
    CURRENT.set(pending);
    try {
      return write.get();
    } finally {
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
  }

  /** Takes this thread's pending entry, so that only one write appends it; null when none. */
  public static AuditLog.Pending take() {
    AuditLog.Pending pending = CURRENT.get();
    CURRENT.remove();
    return pending;
  }
}
