package io.aispine.store;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A workspace: the flows, executions, agents, approvals, secrets and keys of one team or customer.
 *
 * @param id the workspace's id, also its name in URLs ({@code default}, {@code acme})
 * @param name a human name
 * @param plan the plan whose quotas apply
 * @param overrides quotas set for this workspace alone; a null field keeps the plan's
 * @param createdAt when it was created
 */
public record Workspace(
    String id, String name, Plan plan, QuotaOverrides overrides, Instant createdAt) {

  /** The workspace every store starts with, and that existing data migrated into. */
  public static final String DEFAULT = "default";

  /** What a workspace id looks like. */
  public static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,62}");

  public Workspace {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(createdAt, "createdAt");
    overrides = overrides == null ? QuotaOverrides.NONE : overrides;
  }

  /** The quotas in force: the plan's, with this workspace's overrides. */
  public Quotas quotas() {
    return overrides.over(plan.quotas());
  }

  /**
   * Quotas set for one workspace; a null field keeps the plan's value.
   *
   * @param apiCallsPerMinute see {@link Quotas#apiCallsPerMinute()}
   * @param executionsPerMonth see {@link Quotas#executionsPerMonth()}
   * @param executionsRunning see {@link Quotas#executionsRunning()}
   * @param privateAgents see {@link Quotas#privateAgents()}
   */
  public record QuotaOverrides(
      Long apiCallsPerMinute, Long executionsPerMonth, Long executionsRunning, Long privateAgents) {

    /** No overrides. */
    public static final QuotaOverrides NONE = new QuotaOverrides(null, null, null, null);

    /** {@code plan} with these overrides applied. */
    public Quotas over(Quotas plan) {
      return new Quotas(
          apiCallsPerMinute == null ? plan.apiCallsPerMinute() : apiCallsPerMinute,
          executionsPerMonth == null ? plan.executionsPerMonth() : executionsPerMonth,
          executionsRunning == null ? plan.executionsRunning() : executionsRunning,
          privateAgents == null ? plan.privateAgents() : privateAgents);
    }
  }
}
