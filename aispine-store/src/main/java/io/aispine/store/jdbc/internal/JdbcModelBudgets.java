package io.aispine.store.jdbc.internal;

import io.aispine.store.ModelBudgets;
import java.util.List;

/** Model budgets in the {@code model_budgets} table. */
public final class JdbcModelBudgets implements ModelBudgets {

  private final ConnectionPools pools;

  /** Budgets over the given pools. */
  public JdbcModelBudgets(ConnectionPools pools) {
    this.pools = pools;
  }

  @Override
  public void put(Budget b) {
    JdbcModelProviders.Writes.update(
        pools,
        "INSERT INTO model_budgets (workspace_id, flow_id, period, limit_usd, policy, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (workspace_id, flow_id, period) DO UPDATE"
            + " SET limit_usd = excluded.limit_usd, policy = excluded.policy,"
            + " updated_at = excluded.updated_at",
        "storing a model budget",
        s -> {
          s.setString(1, b.workspaceId());
          s.setString(2, b.flowId());
          s.setString(3, b.period().name());
          s.setDouble(4, b.limitUsd());
          s.setString(5, b.policy().name());
          Timestamps.set(s, 6, b.updatedAt());
        });
  }

  @Override
  public List<Budget> list(String workspaceId) {
    return Query.list(
        pools.reader(),
        "SELECT workspace_id, flow_id, period, limit_usd, policy, updated_at FROM model_budgets"
            + " WHERE workspace_id = ? ORDER BY flow_id, period",
        "listing model budgets",
        s -> s.setString(1, workspaceId),
        row ->
            new Budget(
                row.getString("workspace_id"),
                row.getString("flow_id"),
                Period.valueOf(row.getString("period")),
                row.getDouble("limit_usd"),
                Policy.valueOf(row.getString("policy")),
                Timestamps.get(row, "updated_at")));
  }

  @Override
  public boolean delete(String workspaceId, String flowId, Period period) {
    return JdbcModelProviders.Writes.update(
            pools,
            "DELETE FROM model_budgets WHERE workspace_id = ? AND flow_id = ? AND period = ?",
            "deleting a model budget",
            s -> {
              s.setString(1, workspaceId);
              s.setString(2, flowId);
              s.setString(3, period.name());
            })
        > 0;
  }
}
