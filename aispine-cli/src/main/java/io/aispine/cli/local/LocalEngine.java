package io.aispine.cli.local;

import io.aispine.agent.AgentResolver;
import io.aispine.agent.BuiltinAgents;
import io.aispine.engine.DurableEngine;
import io.aispine.engine.Engine;
import io.aispine.engine.EngineOptions;
import io.aispine.store.Store;
import io.aispine.store.jdbc.JdbcStore;
import java.nio.file.Path;

/** An engine running in this process on its own store, closed together. */
final class LocalEngine implements AutoCloseable {

  private final Store store;
  private final Engine engine;

  private LocalEngine(Store store, Engine engine) {
    this.store = store;
    this.engine = engine;
  }

  /** Opens the store the options name and starts an engine with the built-in agents on it. */
  static LocalEngine open(StoreOptions options) {
    return open(options, BuiltinAgents.load());
  }

  /** Opens the store the options name and starts an engine calling {@code agents} on it. */
  static LocalEngine open(StoreOptions options, AgentResolver agents) {
    String url = options.effectiveDbUrl();
    return open(
        url != null ? JdbcStore.open(url) : JdbcStore.openDataDir(options.effectiveDataDir()),
        agents);
  }

  /** Starts an engine with the built-in agents on a data dir. */
  static LocalEngine open(Path dataDir) {
    return open(JdbcStore.openDataDir(dataDir), BuiltinAgents.load());
  }

  private static LocalEngine open(Store store, AgentResolver agents) {
    try {
      return new LocalEngine(
          store, DurableEngine.create(store, agents, EngineOptions.fromEnvironment()));
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  Engine engine() {
    return engine;
  }

  Store store() {
    return store;
  }

  @Override
  public void close() {
    try {
      engine.close();
    } finally {
      store.close();
    }
  }
}
