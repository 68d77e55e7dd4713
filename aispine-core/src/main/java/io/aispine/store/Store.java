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

  /**
   * API keys of the server. A default so that test doubles of this port keep compiling; the JDBC
   * store implements it.
   */
  default ApiKeyStore apiKeys() {
    throw new UnsupportedOperationException("this store keeps no API keys");
  }

  /** HTTP agents registered with the server (same default as {@link #apiKeys()}). */
  default AgentRegistry agents() {
    throw new UnsupportedOperationException("this store keeps no agent registry");
  }

  /** The approvals executions wait for (same default as {@link #apiKeys()}). */
  default ApprovalStore approvals() {
    throw new UnsupportedOperationException("this store keeps no approvals");
  }

  /** Agent limits, drains and calls (same default as {@link #apiKeys()}). */
  default AgentControls agentControls() {
    throw new UnsupportedOperationException("this store keeps no agent controls");
  }

  /** Panic mode, kept across restarts (same default as {@link #apiKeys()}). */
  default PanicStore panic() {
    throw new UnsupportedOperationException("this store keeps no panic mode");
  }

  /** Encrypted secrets (same default as {@link #apiKeys()}). */
  default SecretStore secrets() {
    throw new UnsupportedOperationException("this store keeps no secrets");
  }

  /** Workspaces and their quotas (same default as {@link #apiKeys()}). */
  default WorkspaceStore workspaces() {
    throw new UnsupportedOperationException("this store keeps no workspaces");
  }

  /** Model providers of each workspace (same default as {@link #apiKeys()}). */
  default ModelProviders modelProviders() {
    throw new UnsupportedOperationException("this store keeps no model providers");
  }

  /** The ledger of model calls and their cost (same default as {@link #apiKeys()}). */
  default ModelCalls modelCalls() {
    throw new UnsupportedOperationException("this store keeps no model calls");
  }

  /** Budgets on model spending (same default as {@link #apiKeys()}). */
  default ModelBudgets modelBudgets() {
    throw new UnsupportedOperationException("this store keeps no model budgets");
  }

  /** Messaging channels' inbound messages and sessions (same default as {@link #apiKeys()}). */
  default ConversationStore conversations() {
    throw new UnsupportedOperationException("this store keeps no conversations");
  }

  /** The audit log of the server's API (same default as {@link #apiKeys()}). */
  default AuditLog audit() {
    throw new UnsupportedOperationException("this store keeps no audit log");
  }

  /** Triggers of flows and the schedules' next fires (same default as {@link #apiKeys()}). */
  default TriggerStore triggers() {
    throw new UnsupportedOperationException("this store keeps no triggers");
  }

  /** Outbound webhook subscriptions and deliveries (same default as {@link #apiKeys()}). */
  default WebhookStore webhooks() {
    throw new UnsupportedOperationException("this store keeps no webhooks");
  }

  /** True when the store answers a trivial query (used by readiness checks). */
  boolean isReachable();

  /** Releases connections and the store's exclusive lock. */
  @Override
  void close();
}
