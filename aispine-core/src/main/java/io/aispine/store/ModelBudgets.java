package io.aispine.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Spending limits on model calls, per workspace or per flow, per day or per month. */
public interface ModelBudgets {

  /** The window a budget covers, in UTC. */
  enum Period {
    DAILY,
    MONTHLY
  }

  /** What happens to a call that would cross the budget. */
  enum Policy {
    /** The node fails for good with {@code BUDGET_EXCEEDED}. */
    FAIL,
    /** The node fails with a retryable {@code BUDGET_EXCEEDED}: its retry policy tries again. */
    HOLD
  }

  /**
   * A budget.
   *
   * @param flowId the flow it limits, or {@code ""} for the whole workspace
   */
  record Budget(
      String workspaceId,
      String flowId,
      Period period,
      double limitUsd,
      Policy policy,
      Instant updatedAt) {
    public Budget {
      Objects.requireNonNull(workspaceId, "workspaceId");
      Objects.requireNonNull(flowId, "flowId");
      Objects.requireNonNull(period, "period");
      Objects.requireNonNull(policy, "policy");
      if (!(limitUsd >= 0)) {
        throw new IllegalArgumentException("a budget's limit must be 0 or more, not " + limitUsd);
      }
    }

    /** True when the budget covers the whole workspace. */
    public boolean workspaceWide() {
      return flowId.isEmpty();
    }
  }

  /** Stores a budget, replacing the one of the same workspace, flow and period. */
  void put(Budget budget);

  /** The budgets of a workspace. */
  List<Budget> list(String workspaceId);

  /** Removes a budget; false when there was none. */
  boolean delete(String workspaceId, String flowId, Period period);
}
