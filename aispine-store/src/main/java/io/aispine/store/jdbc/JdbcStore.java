package io.aispine.store.jdbc;

import io.aispine.store.AgentControls;
import io.aispine.store.AgentRegistry;
import io.aispine.store.ApiKeyStore;
import io.aispine.store.ApprovalStore;
import io.aispine.store.AuditLog;
import io.aispine.store.ConversationStore;
import io.aispine.store.ExecutionStore;
import io.aispine.store.FlowStore;
import io.aispine.store.ModelBudgets;
import io.aispine.store.ModelCalls;
import io.aispine.store.ModelProviders;
import io.aispine.store.PanicStore;
import io.aispine.store.SecretStore;
import io.aispine.store.Store;
import io.aispine.store.StoreException;
import io.aispine.store.TriggerStore;
import io.aispine.store.WebhookStore;
import io.aispine.store.WorkspaceStore;
import io.aispine.store.jdbc.internal.ConnectionPools;
import io.aispine.store.jdbc.internal.DataDirLock;
import io.aispine.store.jdbc.internal.DatabaseLock;
import io.aispine.store.jdbc.internal.Dialect;
import io.aispine.store.jdbc.internal.ExclusiveLock;
import io.aispine.store.jdbc.internal.JdbcAgentControls;
import io.aispine.store.jdbc.internal.JdbcAgentRegistry;
import io.aispine.store.jdbc.internal.JdbcApiKeyStore;
import io.aispine.store.jdbc.internal.JdbcApprovalStore;
import io.aispine.store.jdbc.internal.JdbcAuditLog;
import io.aispine.store.jdbc.internal.JdbcConversationStore;
import io.aispine.store.jdbc.internal.JdbcExecutionListing;
import io.aispine.store.jdbc.internal.JdbcExecutionStore;
import io.aispine.store.jdbc.internal.JdbcFlowStore;
import io.aispine.store.jdbc.internal.JdbcModelBudgets;
import io.aispine.store.jdbc.internal.JdbcModelCalls;
import io.aispine.store.jdbc.internal.JdbcModelProviders;
import io.aispine.store.jdbc.internal.JdbcPanicStore;
import io.aispine.store.jdbc.internal.JdbcSecretStore;
import io.aispine.store.jdbc.internal.JdbcTriggerStore;
import io.aispine.store.jdbc.internal.JdbcWebhookStore;
import io.aispine.store.jdbc.internal.JdbcWorkspaceStore;
import io.aispine.store.jdbc.internal.JsonCodec;
import io.aispine.store.jdbc.internal.Migrations;
import io.aispine.store.jdbc.internal.StoreLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.InstantSource;

/**
 * The store on SQLite (embedded default) or PostgreSQL, behind the core ports. Opening it takes the
 * store's exclusive lock and migrates the schema; closing it releases both connections and lock.
 */
public final class JdbcStore implements Store {

  /** The SQLite file inside a data dir. */
  public static final String DATABASE_FILE = "aispine.db";

  /** Environment variable naming the store URL; it wins over {@link #DATA_DIR_ENV}. */
  public static final String DB_URL_ENV = "AISPINE_DB_URL";

  /** Environment variable naming the data dir of the embedded SQLite store. */
  public static final String DATA_DIR_ENV = "AISPINE_DATA_DIR";

  /** The data dir used when neither variable is set, relative to the working directory. */
  public static final Path DEFAULT_DATA_DIR = Path.of(".aispine");

  private final ExclusiveLock lock;
  private final ConnectionPools pools;
  private final JdbcFlowStore flows;
  private final JdbcExecutionListing executions;
  private final JdbcApiKeyStore apiKeys;
  private final JdbcAgentRegistry agents;
  private final JdbcApprovalStore approvals;
  private final JdbcAgentControls agentControls;
  private final JdbcPanicStore panic;
  private final JdbcTriggerStore triggers;
  private final JdbcSecretStore secrets;
  private final JdbcWorkspaceStore workspaces;
  private final JdbcModelProviders modelProviders;
  private final JdbcModelCalls modelCalls;
  private final JdbcModelBudgets modelBudgets;
  private final JdbcConversationStore conversations;
  private final JdbcAuditLog audit;
  private final JdbcWebhookStore webhooks;

  private JdbcStore(ExclusiveLock lock, ConnectionPools pools, Dialect dialect) {
    this.lock = lock;
    this.pools = pools;
    JsonCodec json = new JsonCodec();
    InstantSource clock = InstantSource.system();
    this.audit = new JdbcAuditLog(pools, dialect);
    this.flows = new JdbcFlowStore(pools, clock, audit);
    this.executions =
        new JdbcExecutionListing(
            new JdbcExecutionStore(pools, dialect, json, clock, audit), pools, json);
    this.apiKeys = new JdbcApiKeyStore(pools);
    this.agents = new JdbcAgentRegistry(pools, json, audit);
    this.approvals = new JdbcApprovalStore(pools, json);
    this.agentControls = new JdbcAgentControls(pools, json, audit);
    this.panic = new JdbcPanicStore(pools);
    this.triggers = new JdbcTriggerStore(pools);
    this.secrets = new JdbcSecretStore(pools);
    this.workspaces = new JdbcWorkspaceStore(pools);
    this.modelProviders = new JdbcModelProviders(pools);
    this.modelCalls = new JdbcModelCalls(pools);
    this.modelBudgets = new JdbcModelBudgets(pools);
    this.conversations = new JdbcConversationStore(pools, json);
    this.webhooks = new JdbcWebhookStore(pools, json);
  }

  /**
   * Opens the store the environment names: {@value #DB_URL_ENV} when set, else the data dir {@value
   * #DATA_DIR_ENV}, else {@code ./.aispine}.
   */
  public static JdbcStore openFromEnvironment() {
    String url = System.getenv(DB_URL_ENV);
    if (url != null && !url.isBlank()) {
      return open(url.strip());
    }
    String dataDir = System.getenv(DATA_DIR_ENV);
    return openDataDir(
        dataDir != null && !dataDir.isBlank() ? Path.of(dataDir.strip()) : DEFAULT_DATA_DIR);
  }

  /**
   * Opens the store in a data dir (SQLite file {@value #DATABASE_FILE}), creating the dir.
   *
   * @throws StoreException when another AI Spine process uses the dir, or it cannot be opened
   */
  public static JdbcStore openDataDir(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new StoreException("cannot create data dir " + dataDir + ": " + e.getMessage(), e);
    }
    return open("jdbc:sqlite:" + dataDir.toAbsolutePath().resolve(DATABASE_FILE));
  }

  /**
   * Opens the store at {@code jdbc:sqlite:<file>} or {@code jdbc:postgresql://host/db} (credentials
   * as URL parameters {@code user} and {@code password}).
   *
   * @throws StoreException when another AI Spine process uses the store, or it cannot be opened
   */
  public static JdbcStore open(String jdbcUrl) {
    Dialect dialect = Dialect.of(jdbcUrl);
    ExclusiveLock lock =
        switch (dialect) {
          case SQLITE -> DataDirLock.acquire(StoreLocation.sqliteLockFile(jdbcUrl));
          case POSTGRESQL -> DatabaseLock.acquire(jdbcUrl, StoreLocation.describe(jdbcUrl));
        };
    ConnectionPools pools = null;
    try {
      pools = ConnectionPools.open(jdbcUrl, dialect);
      Migrations.apply(pools.writer(), dialect);
      return new JdbcStore(lock, pools, dialect);
    } catch (RuntimeException e) {
      if (pools != null) {
        pools.close();
      }
      lock.close();
      throw e;
    }
  }

  @Override
  public FlowStore flows() {
    return flows;
  }

  @Override
  public ExecutionStore executions() {
    return executions;
  }

  @Override
  public ApiKeyStore apiKeys() {
    return apiKeys;
  }

  @Override
  public AgentRegistry agents() {
    return agents;
  }

  @Override
  public ApprovalStore approvals() {
    return approvals;
  }

  @Override
  public AgentControls agentControls() {
    return agentControls;
  }

  @Override
  public PanicStore panic() {
    return panic;
  }

  @Override
  public TriggerStore triggers() {
    return triggers;
  }

  @Override
  public WebhookStore webhooks() {
    return webhooks;
  }

  @Override
  public SecretStore secrets() {
    return secrets;
  }

  @Override
  public WorkspaceStore workspaces() {
    return workspaces;
  }

  @Override
  public ModelProviders modelProviders() {
    return modelProviders;
  }

  @Override
  public ModelCalls modelCalls() {
    return modelCalls;
  }

  @Override
  public ModelBudgets modelBudgets() {
    return modelBudgets;
  }

  @Override
  public ConversationStore conversations() {
    return conversations;
  }

  @Override
  public AuditLog audit() {
    return audit;
  }

  @Override
  public boolean isReachable() {
    try (Connection connection = pools.reader().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("SELECT 1");
      return true;
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public void close() {
    try {
      pools.close();
    } finally {
      lock.close();
    }
  }
}
