package io.aispine.cli.local;

import io.aispine.agents.runtime.AgentRuntime;
import io.aispine.cli.command.CliException;
import io.aispine.cli.command.ExitCodes;
import io.aispine.engine.Engine;
import io.aispine.engine.EngineOptions;
import io.aispine.engine.runtime.DurableEngine;
import io.aispine.secret.SecretAgents;
import io.aispine.store.Store;
import io.aispine.store.jdbc.JdbcStore;
import java.nio.file.Path;

/**
 * An engine running in this process on its own store, closed together. Its agents are called
 * through the same {@link AgentRuntime} as a server's: circuits, limits, drains, flow concurrency,
 * schema checks and fallbacks apply as they do there, configured by the same {@code
 * AISPINE_CIRCUIT_*} and {@code AISPINE_AGENT_*} variables.
 */
final class LocalEngine implements AutoCloseable {

  private final Store store;
  private final AgentRuntime agents;
  private final Engine engine;

  private LocalEngine(Store store, AgentRuntime agents, Engine engine) {
    this.store = store;
    this.agents = agents;
    this.engine = engine;
  }

  /** Opens the store the options name and starts an engine with the built-in agents on it. */
  static LocalEngine open(StoreOptions options) {
    return open(options, LocalAgents.builtinsOnly());
  }

  /**
   * Opens the store the options name and starts an engine calling {@code agents} on it, with the
   * secrets a server set on that store (its keyset in the data dir, as a server keeps it).
   */
  static LocalEngine open(StoreOptions options, LocalAgents agents) {
    String url = options.effectiveDbUrl();
    return open(
        url != null ? JdbcStore.open(url) : JdbcStore.openDataDir(options.effectiveDataDir()),
        options.effectiveDataDir(),
        agents);
  }

  /** Starts an engine with the built-in agents on a data dir. */
  static LocalEngine open(Path dataDir) {
    return open(JdbcStore.openDataDir(dataDir), dataDir, LocalAgents.builtinsOnly());
  }

  private static LocalEngine open(Store store, Path keysetDir, LocalAgents local) {
    AgentRuntime agents = null;
    try {
      agents = local.addTo(AgentRuntime.builder(store)).build();
      // as on a server: secret values go into agent calls only, and are masked in what comes back
      var resolver = new SecretAgents(agents.resolver(), DataDirSecrets.open(store, keysetDir));
      DurableEngine engine = DurableEngine.create(store, resolver, EngineOptions.fromEnvironment());
      agents.attach(engine); // its subscription ends with the engine
      return new LocalEngine(store, agents, engine);
    } catch (IllegalArgumentException e) {
      close(agents, store);
      throw new CliException(ExitCodes.USAGE, e.getMessage());
    } catch (InterruptedException e) {
      close(agents, store);
      Thread.currentThread().interrupt();
      throw new CliException(ExitCodes.FAILED, "interrupted while fetching agent manifests");
    } catch (RuntimeException e) {
      close(agents, store);
      throw e;
    }
  }

  private static void close(AgentRuntime agents, Store store) {
    if (agents != null) {
      agents.close();
    }
    store.close();
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
      agents.close();
      store.close();
    }
  }
}
