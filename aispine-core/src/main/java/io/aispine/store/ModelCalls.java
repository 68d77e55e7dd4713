package io.aispine.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** The ledger of model calls: tokens and cost of each, summed the ways operators ask. */
public interface ModelCalls {

  /**
   * One model call.
   *
   * @param executionId the execution that made it, or null (a health check, a canary)
   * @param nodePath the node instance, or null
   * @param flowId the flow id (without version), or null
   * @param costUsd the cost the price table gave it
   */
  record Call(
      String workspaceId,
      String executionId,
      String nodePath,
      String agent,
      String flowId,
      String provider,
      String model,
      long promptTokens,
      long completionTokens,
      double costUsd,
      Instant at) {
    public Call {
      Objects.requireNonNull(workspaceId, "workspaceId");
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(at, "at");
    }
  }

  /** What totals are grouped by. */
  enum GroupBy {
    EXECUTION,
    NODE,
    AGENT,
    FLOW,
    MODEL,
    PROVIDER,
    DAY,
    WEEK
  }

  /**
   * Which calls to sum and how to group them.
   *
   * @param from the first instant counted (inclusive), or null
   * @param to the end (exclusive), or null
   * @param executionId only this execution's calls, or null
   * @param flowId only this flow's calls, or null
   */
  record CostQuery(
      String workspaceId,
      GroupBy groupBy,
      Instant from,
      Instant to,
      String executionId,
      String flowId) {
    public CostQuery {
      Objects.requireNonNull(workspaceId, "workspaceId");
      Objects.requireNonNull(groupBy, "groupBy");
    }
  }

  /** The sums of one group ({@code key} is null for calls without that attribute). */
  record Total(String key, long calls, long promptTokens, long completionTokens, double costUsd) {}

  /** Records one call. */
  void record(Call call);

  /** The totals the query asks for, the costliest group first. */
  List<Total> totals(CostQuery query);

  /**
   * What a workspace (flow null) or one of its flows spent from {@code since} on, in US dollars.
   */
  double spentSince(String workspaceId, String flowId, Instant since);
}
