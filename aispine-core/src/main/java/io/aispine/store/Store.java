package io.aispine.store;

/**
 * The durable store behind the engine: flows and executions. Implementations (SQLite, PostgreSQL)
 * live in {@code aispine-store}; the engine only sees these ports.
 */
public interface Store extends AutoCloseable {

  /** Flow definitions. */
  FlowStore flows();

  /** Executions, their histories, attempt records and due work. */
  ExecutionStore executions();

  /** True when the store answers a trivial query (used by readiness checks). */
  boolean isReachable();

  /** Releases connections and the store's exclusive lock. */
  @Override
  void close();
}
