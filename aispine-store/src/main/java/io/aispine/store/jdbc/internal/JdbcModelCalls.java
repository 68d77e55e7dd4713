package io.aispine.store.jdbc.internal;

import io.aispine.store.ModelCalls;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;

/** The model-call ledger in the {@code model_calls} table. */
public final class JdbcModelCalls implements ModelCalls {

  private final ConnectionPools pools;

  /** A ledger over the given pools. */
  public JdbcModelCalls(ConnectionPools pools) {
    this.pools = pools;
  }

  @Override
  public void record(Call c) {
    var date = c.at().atZone(ZoneOffset.UTC);
    String week =
        "%d-W%02d"
            .formatted(
                date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    JdbcModelProviders.Writes.update(
        pools,
        "INSERT INTO model_calls (workspace_id, execution_id, node_path, agent, flow_id, provider,"
            + " model, prompt_tokens, completion_tokens, cost_usd, called_at, day, week)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        "recording a call of model " + c.model(),
        s -> {
          s.setString(1, c.workspaceId());
          s.setString(2, c.executionId());
          s.setString(3, c.nodePath());
          s.setString(4, c.agent());
          s.setString(5, c.flowId());
          s.setString(6, c.provider());
          s.setString(7, c.model());
          s.setLong(8, c.promptTokens());
          s.setLong(9, c.completionTokens());
          s.setDouble(10, c.costUsd());
          Timestamps.set(s, 11, c.at());
          s.setString(12, DateTimeFormatter.ISO_LOCAL_DATE.format(date));
          s.setString(13, week);
        });
  }

  @Override
  public List<Total> totals(CostQuery q) {
    String key =
        switch (q.groupBy()) {
          case EXECUTION -> "execution_id";
          case NODE -> "execution_id || '/' || node_path";
          case AGENT -> "agent";
          case FLOW -> "flow_id";
          case MODEL -> "model";
          case PROVIDER -> "provider";
          case DAY -> "day";
          case WEEK -> "week";
        };
    var where = new StringBuilder("workspace_id = ?");
    var values = new ArrayList<Object>(List.of(q.workspaceId()));
    if (q.from() != null) {
      where.append(" AND called_at >= ?");
      values.add(q.from());
    }
    if (q.to() != null) {
      where.append(" AND called_at < ?");
      values.add(q.to());
    }
    if (q.executionId() != null) {
      where.append(" AND execution_id = ?");
      values.add(q.executionId());
    }
    if (q.flowId() != null) {
      where.append(" AND flow_id = ?");
      values.add(q.flowId());
    }
    return Query.list(
        pools.reader(),
        "SELECT "
            + key
            + " AS k, COUNT(*) AS calls, SUM(prompt_tokens) AS p, SUM(completion_tokens) AS c,"
            + " SUM(cost_usd) AS cost FROM model_calls WHERE "
            + where
            + " GROUP BY "
            + key
            + " ORDER BY cost DESC, k",
        "summing model costs by " + q.groupBy().name().toLowerCase(java.util.Locale.ROOT),
        s -> bind(s, values),
        row ->
            new Total(
                row.getString("k"),
                row.getLong("calls"),
                row.getLong("p"),
                row.getLong("c"),
                row.getDouble("cost")));
  }

  @Override
  public double spentSince(String workspaceId, String flowId, Instant since) {
    var values = new ArrayList<Object>(List.of(workspaceId, since));
    String sql =
        "SELECT COALESCE(SUM(cost_usd), 0) FROM model_calls WHERE workspace_id = ?"
            + " AND called_at >= ?";
    if (flowId != null) {
      sql += " AND flow_id = ?";
      values.add(flowId);
    }
    return Query.list(
            pools.reader(),
            sql,
            "summing model spending",
            s -> bind(s, values),
            r -> r.getDouble(1))
        .getFirst();
  }

  private static void bind(java.sql.PreparedStatement s, List<Object> values) throws SQLException {
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) instanceof Instant instant) {
        Timestamps.set(s, i + 1, instant);
      } else {
        s.setString(i + 1, (String) values.get(i));
      }
    }
  }
}
