package io.aispine.server.internal.llm;

import io.aispine.api.BudgetRequest;
import io.aispine.api.CostTotal;
import io.aispine.api.Costs;
import io.aispine.api.Items;
import io.aispine.api.Problem;
import io.aispine.server.internal.auth.Caller;
import io.aispine.server.internal.http.Json;
import io.aispine.server.internal.http.Printable;
import io.aispine.server.internal.http.ProblemException;
import io.aispine.server.internal.http.QueryParams;
import io.aispine.server.internal.http.RequestBodies;
import io.aispine.store.ModelBudgets;
import io.aispine.store.ModelBudgets.Budget;
import io.aispine.store.ModelCalls;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * What the model calls of the caller's workspace cost ({@code GET /api/v1/costs}) and the budgets
 * that limit them ({@code /api/v1/budgets}).
 */
public final class CostRoutes {

  private final ModelCalls ledger;
  private final ModelBudgets budgets;
  private final InstantSource clock;

  public CostRoutes(ModelCalls ledger, ModelBudgets budgets, InstantSource clock) {
    this.ledger = ledger;
    this.budgets = budgets;
    this.clock = clock;
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/costs", this::costs);
    routes.get("/api/v1/budgets", this::listBudgets);
    routes.put("/api/v1/budgets", this::putBudget);
    routes.delete("/api/v1/budgets", this::deleteBudget);
  }

  private void costs(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of("group_by", "from", "to", "execution", "flow"));
    String groupBy = QueryParams.single(ctx, "group_by");
    ModelCalls.GroupBy by = groupBy(groupBy == null ? "model" : groupBy);
    var totals =
        ledger.totals(
            new ModelCalls.CostQuery(
                Caller.of(ctx).workspace(),
                by,
                QueryParams.instant(ctx, "from"),
                QueryParams.instant(ctx, "to"),
                QueryParams.single(ctx, "execution"),
                QueryParams.single(ctx, "flow")));
    var items =
        totals.stream()
            .map(
                t ->
                    new CostTotal(
                        t.key(), t.calls(), t.promptTokens(), t.completionTokens(), t.costUsd()))
            .toList();
    Json.write(
        ctx,
        200,
        new Costs(
            by.name().toLowerCase(Locale.ROOT),
            items,
            totals.stream().mapToDouble(ModelCalls.Total::costUsd).sum()));
  }

  private void listBudgets(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    Json.write(
        ctx,
        200,
        new Items<>(budgets.list(Caller.of(ctx).workspace()).stream().map(this::view).toList()));
  }

  private void putBudget(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    BudgetRequest request = RequestBodies.json(ctx, BudgetRequest.class);
    if (!(request.limitUsd() >= 0)) {
      throw new ProblemException(
          Problem.badField("/limit_usd", "field /limit_usd must be 0 or more (US dollars)"));
    }
    var budget =
        new Budget(
            Caller.of(ctx).workspace(),
            request.flow() == null ? "" : request.flow(),
            period(request.period(), "/period"),
            request.limitUsd(),
            policy(request.policy()),
            clock.instant());
    budgets.put(budget);
    Json.write(ctx, 200, view(budget));
  }

  private void deleteBudget(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of("flow", "period"));
    String flow = QueryParams.single(ctx, "flow");
    ModelBudgets.Period period = period(QueryParams.single(ctx, "period"), "period");
    if (!budgets.delete(Caller.of(ctx).workspace(), flow == null ? "" : flow, period)) {
      throw new ProblemException(
          Problem.notFound(
              "no "
                  + period.name().toLowerCase(Locale.ROOT)
                  + " budget for "
                  + (flow == null ? "the workspace" : "flow '" + Printable.clip(flow) + "'")));
    }
    ctx.status(204);
  }

  private io.aispine.api.Budget view(Budget b) {
    Instant now = clock.instant();
    var day = now.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS);
    Instant start =
        (b.period() == ModelBudgets.Period.DAILY ? day : day.withDayOfMonth(1)).toInstant();
    return new io.aispine.api.Budget(
        b.workspaceWide() ? null : b.flowId(),
        b.period().name().toLowerCase(Locale.ROOT),
        b.limitUsd(),
        b.policy().name().toLowerCase(Locale.ROOT),
        ledger.spentSince(b.workspaceId(), b.workspaceWide() ? null : b.flowId(), start),
        b.updatedAt());
  }

  private static ModelCalls.GroupBy groupBy(String text) {
    try {
      return ModelCalls.GroupBy.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ProblemException(
          Problem.badParameter(
              "group_by",
              "query parameter 'group_by' is '"
                  + Printable.clip(text)
                  + "'; it must be one of "
                  + String.join(
                      ", ",
                      Arrays.stream(ModelCalls.GroupBy.values())
                          .map(g -> g.name().toLowerCase(Locale.ROOT))
                          .toList())));
    }
  }

  private static ModelBudgets.Period period(String text, String where) {
    if (text != null) {
      switch (text) {
        case "daily" -> {
          return ModelBudgets.Period.DAILY;
        }
        case "monthly" -> {
          return ModelBudgets.Period.MONTHLY;
        }
        default -> {}
      }
    }
    String detail = where + " must be daily or monthly";
    throw new ProblemException(
        where.startsWith("/")
            ? Problem.badField(where, "field " + detail)
            : Problem.badParameter(where, "query parameter " + detail));
  }

  private static ModelBudgets.Policy policy(String text) {
    if (text == null || text.equals("fail")) {
      return ModelBudgets.Policy.FAIL;
    }
    if (text.equals("hold")) {
      return ModelBudgets.Policy.HOLD;
    }
    throw new ProblemException(
        Problem.badField(
            "/policy", "field /policy is '" + Printable.clip(text) + "'; it must be fail or hold"));
  }
}
