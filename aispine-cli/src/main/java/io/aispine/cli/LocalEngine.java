package io.aispine.cli;

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
    String url = options.effectiveDbUrl();
    return open(
        url != null ? JdbcStore.open(url) : JdbcStore.openDataDir(options.effectiveDataDir()));
  }

  /** Starts an engine on a data dir. */
  static LocalEngine open(Path dataDir) {
    return open(JdbcStore.openDataDir(dataDir));
  }

  private static LocalEngine open(Store store) {
    try {
      return new LocalEngine(
          store,
          DurableEngine.create(store, BuiltinAgents.load(), EngineOptions.fromEnvironment()));
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
