package io.aispine.llm;

import io.aispine.agent.AgentException;
import io.aispine.store.ModelBudgets;
import io.aispine.store.ModelBudgets.Budget;
import io.aispine.store.ModelCalls;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks each model call against the budgets of its workspace and flow <em>before</em> it is made.
 *
 * <p>A call reserves its estimate in every budget that covers it; a call whose estimate would take
 * spent plus reserved past a limit is refused. When the call ends its reservation is replaced by
 * what it really cost. So calls racing for the last dollars of a budget cannot all pass: the sum of
 * what was spent and what is reserved never exceeds a limit, and a budget is overrun only by what
 * calls cost beyond their estimates (the estimate counts {@code max_tokens} in full, so only a
 * prompt longer than estimated can do that).
 *
 * <p>Spending is counted in memory per budget window (UTC day or month), starting from the ledger's
 * sum when a window is first used; one server process guards its own calls.
 */
public final class BudgetGuard {

  /** What a refused call learns: which budget, and what its policy says to do. */
  public static final class BudgetExceededException extends Exception {
    private final Budget budget;

    BudgetExceededException(Budget budget, String message) {
      super(message);
      this.budget = budget;
    }

    /** The budget the call would have crossed. */
    public Budget budget() {
      return budget;
    }

    /** As an agent error: permanent for policy {@code fail}, retryable for {@code hold}. */
    public AgentException toAgentException() {
      return budget.policy() == ModelBudgets.Policy.HOLD
          ? new AgentException.Retryable("BUDGET_EXCEEDED", getMessage())
          : new AgentException.Permanent("BUDGET_EXCEEDED", getMessage());
    }
  }

  /** The estimate a call reserved in the windows it counts against; settle it once. */
  public static final class Reservation {
    private final List<Window> windows;
    private final double estimateUsd;
    private boolean settled;

    private Reservation(List<Window> windows, double estimateUsd) {
      this.windows = windows;
      this.estimateUsd = estimateUsd;
    }
  }

  /** Spent and reserved dollars of one budget window. */
  private static final class Window {
    final Instant start;
    double spent;
    double reserved;
    boolean warned;

    Window(Instant start, double spent) {
      this.start = start;
      this.spent = spent;
    }
  }

  /** Called when a budget's spending first passes 80 % in a window. */
  @FunctionalInterface
  public interface Warning {
    void nearLimit(Budget budget, double spentUsd);
  }

  private final ModelBudgets budgets;
  private final ModelCalls ledger;
  private final InstantSource clock;
  private final Warning warning;
  private final Map<String, Window> windows = new HashMap<>();

  public BudgetGuard(
      ModelBudgets budgets, ModelCalls ledger, InstantSource clock, Warning warning) {
    this.budgets = Objects.requireNonNull(budgets, "budgets");
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.warning = warning == null ? (b, s) -> {} : warning;
  }

  /**
   * Reserves {@code estimateUsd} in every budget of {@code workspaceId} that covers {@code flowId}
   * (null: a call outside any flow, which only workspace budgets cover).
   *
   * @throws BudgetExceededException when the estimate does not fit in one of them; nothing is
   *     reserved then
   */
  public Reservation reserve(String workspaceId, String flowId, double estimateUsd)
      throws BudgetExceededException {
    List<Budget> covering =
        budgets.list(workspaceId).stream()
            .filter(b -> b.workspaceWide() || b.flowId().equals(flowId))
            .toList();
    if (covering.isEmpty()) {
      return new Reservation(List.of(), estimateUsd);
    }
    Instant now = clock.instant();
    synchronized (this) {
      var held = new ArrayList<Window>();
      for (Budget budget : covering) {
        Window window = window(budget, now);
        if (window.spent + window.reserved + estimateUsd > budget.limitUsd()) {
          throw new BudgetExceededException(
              budget,
              "the %s budget of %s ($%.4f) would be crossed: $%.4f spent, $%.4f reserved by calls in flight, this call may cost up to $%.4f; raise it with `aispine budget set` or wait for the next %s"
                  .formatted(
                      budget.period().name().toLowerCase(java.util.Locale.ROOT),
                      budget.workspaceWide()
                          ? "workspace '" + workspaceId + "'"
                          : "flow '" + budget.flowId() + "'",
                      budget.limitUsd(),
                      window.spent,
                      window.reserved,
                      estimateUsd,
                      budget.period() == ModelBudgets.Period.DAILY ? "day" : "month"));
        }
        held.add(window);
      }
      for (Window window : held) {
        window.reserved += estimateUsd;
      }
      return new Reservation(held, estimateUsd);
    }
  }

  /** Replaces a reservation by what the call cost (0 when it failed before spending anything). */
  public void settle(Reservation reservation, double actualUsd) {
    synchronized (this) {
      if (reservation.settled) {
        return;
      }
      reservation.settled = true;
      for (Window window : reservation.windows) {
        window.reserved -= reservation.estimateUsd;
        window.spent += actualUsd;
      }
    }
  }

  /** Checks the budgets after a call was recorded, for the 80 % warning. */
  public void warnIfNear(String workspaceId, String flowId) {
    Instant now = clock.instant();
    for (Budget budget : budgets.list(workspaceId)) {
      if (!budget.workspaceWide() && !budget.flowId().equals(flowId)) {
        continue;
      }
      double spent;
      synchronized (this) {
        Window window = window(budget, now);
        spent = window.spent;
        if (window.warned || budget.limitUsd() <= 0 || spent < 0.8 * budget.limitUsd()) {
          continue;
        }
        window.warned = true;
      }
      warning.nearLimit(budget, spent);
    }
  }

  private Window window(Budget budget, Instant now) {
    ZonedDateTime utc = now.atZone(ZoneOffset.UTC);
    Instant start =
        (budget.period() == ModelBudgets.Period.DAILY
                ? utc.truncatedTo(ChronoUnit.DAYS)
                : utc.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1))
            .toInstant();
    String key = budget.workspaceId() + "\u0000" + budget.flowId() + "\u0000" + budget.period();
    Window window = windows.get(key);
    if (window == null || !window.start.equals(start)) {
      String flow = budget.workspaceWide() ? null : budget.flowId();
      window = new Window(start, ledger.spentSince(budget.workspaceId(), flow, start));
      windows.put(key, window);
    }
    return window;
  }
}
