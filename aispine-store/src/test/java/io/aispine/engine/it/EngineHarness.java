package io.aispine.engine.it;

import io.aispine.agent.AgentResolver;
import io.aispine.engine.EngineOptions;
import io.aispine.engine.runtime.DurableEngine;
import io.aispine.execution.ExecutionEvent;
import io.aispine.execution.ExecutionState;
import io.aispine.flow.Flow;
import io.aispine.flow.FlowParser;
import io.aispine.store.jdbc.JdbcStore;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/** A DurableEngine on a real store (SQLite or PostgreSQL) that can be stopped and reopened. */
final class EngineHarness implements AutoCloseable {

  private final Supplier<JdbcStore> opener;
  private final EngineOptions options;
  private JdbcStore store;
  private DurableEngine engine;

  EngineHarness(Supplier<JdbcStore> opener, EngineOptions options) {
    this.opener = opener;
    this.options = options;
  }

  static EngineHarness open(Supplier<JdbcStore> opener, AgentResolver agents) {
    return new EngineHarness(opener, fastOptions()).start(agents);
  }

  /** Defaults with a short grace period, so that closing in a test does not linger. */
  static EngineOptions fastOptions() {
    return EngineOptions.defaults().withShutdownGrace(Duration.ZERO);
  }

  EngineHarness start(AgentResolver agents) {
    store = opener.get();
    engine = DurableEngine.create(store, agents, options);
    return this;
  }

  /** Closes engine and store, as a process exit would; the data dir keeps everything. */
  void stop() {
    engine.close();
    store.close();
  }

  DurableEngine engine() {
    return engine;
  }

  JdbcStore store() {
    return store;
  }

  ExecutionState await(String executionId) throws Exception {
    return engine.await(executionId, Duration.ofSeconds(20));
  }

  List<ExecutionEvent> history(String executionId) {
    return engine.events(executionId, 0, 10_000);
  }

  /** The types of one node's events, in order. */
  List<String> eventsOf(String executionId, String path) {
    return history(executionId).stream()
        .filter(e -> path.equals(e.nodePath()))
        .map(e -> e.type().wireName())
        .toList();
  }

  static Flow parse(String yaml) {
    return FlowParser.parse(yaml, "test.yaml");
  }

  @Override
  public void close() {
    stop();
  }
}
