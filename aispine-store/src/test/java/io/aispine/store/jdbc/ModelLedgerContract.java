package io.aispine.store.jdbc;

import static io.aispine.store.jdbc.Executions.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.store.ModelBudgets;
import io.aispine.store.ModelBudgets.Budget;
import io.aispine.store.ModelCalls;
import io.aispine.store.ModelCalls.CostQuery;
import io.aispine.store.ModelCalls.GroupBy;
import io.aispine.store.ModelProviders;
import io.aispine.store.ModelProviders.Kind;
import io.aispine.store.ModelProviders.Provider;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What every dialect must do with model providers, the model-call ledger and budgets. */
abstract class ModelLedgerContract extends StoreContract {

  private static Provider provider(String name, String url) {
    return new Provider(
        "default", name, Kind.OPENAI, url, "gpt-4o-mini", Duration.ofSeconds(30), false, false, T0);
  }

  @Test
  void keeps_a_provider_key_write_only_and_keeps_it_when_saved_again_without_one() {
    ModelProviders providers = store.modelProviders();
    providers.save(provider("local", "http://127.0.0.1:1/v1"), "sk-secret");
    providers.save(provider("local", "http://127.0.0.1:2/v1"), null);

    Provider found = providers.find("default", "local").orElseThrow();
    assertThat(found.baseUrl()).isEqualTo("http://127.0.0.1:2/v1");
    assertThat(found.hasApiKey()).isTrue();
    assertThat(found.toString()).doesNotContain("sk-secret");
    assertThat(providers.apiKey("default", "local")).contains("sk-secret");
    assertThat(providers.find("other", "local")).isEmpty();
  }

  @Test
  void one_default_provider_per_workspace() {
    ModelProviders providers = store.modelProviders();
    providers.save(provider("a", "http://a"), null);
    providers.save(provider("b", "http://b"), null);

    assertThat(providers.makeDefault("default", "a")).isTrue();
    assertThat(providers.makeDefault("default", "b")).isTrue();
    assertThat(providers.makeDefault("default", "missing")).isFalse();

    assertThat(providers.list("default"))
        .extracting(Provider::name, Provider::isDefault)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", false),
            org.assertj.core.groups.Tuple.tuple("b", true));
    assertThat(providers.delete("default", "a")).isTrue();
    assertThat(providers.delete("default", "a")).isFalse();
  }

  @Test
  void sums_costs_by_model_day_and_node_and_since_an_instant() {
    ModelCalls calls = store.modelCalls();
    Instant day1 = Instant.parse("2026-12-07T10:00:00Z");
    calls.record(call("e1", "a", "gpt-4o", 100, 10, 0.5, day1));
    calls.record(call("e1", "a", "gpt-4o", 100, 10, 0.5, day1.plusSeconds(60)));
    calls.record(call("e2", "b", "claude", 50, 5, 0.25, day1.plus(Duration.ofDays(1))));

    assertThat(calls.totals(new CostQuery("default", GroupBy.MODEL, null, null, null, null)))
        .containsExactly(
            new ModelCalls.Total("gpt-4o", 2, 200, 20, 1.0),
            new ModelCalls.Total("claude", 1, 50, 5, 0.25));
    assertThat(calls.totals(new CostQuery("default", GroupBy.DAY, null, null, null, null)))
        .extracting(ModelCalls.Total::key)
        .containsExactly("2026-12-07", "2026-12-08");
    assertThat(calls.totals(new CostQuery("default", GroupBy.WEEK, null, null, null, null)))
        .extracting(ModelCalls.Total::key)
        .containsExactly("2026-W50");
    assertThat(calls.totals(new CostQuery("default", GroupBy.NODE, null, null, "e1", null)))
        .extracting(ModelCalls.Total::key, ModelCalls.Total::calls)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("e1/a", 2L));
    assertThat(calls.spentSince("default", null, day1.plusSeconds(1))).isEqualTo(0.75);
    assertThat(calls.spentSince("default", "flow-b", day1)).isEqualTo(0.25);
    assertThat(calls.spentSince("elsewhere", null, day1)).isZero();
  }

  @Test
  void replaces_a_budget_of_the_same_scope_and_period() {
    ModelBudgets budgets = store.modelBudgets();
    budgets.put(budget("", ModelBudgets.Period.DAILY, 5));
    budgets.put(budget("", ModelBudgets.Period.DAILY, 7));
    budgets.put(budget("kyc", ModelBudgets.Period.MONTHLY, 100));

    assertThat(budgets.list("default"))
        .extracting(Budget::flowId, Budget::limitUsd)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("", 7.0),
            org.assertj.core.groups.Tuple.tuple("kyc", 100.0));
    assertThat(budgets.delete("default", "kyc", ModelBudgets.Period.MONTHLY)).isTrue();
    assertThat(budgets.list("default")).hasSize(1);
  }

  private static Budget budget(String flow, ModelBudgets.Period period, double limit) {
    return new Budget("default", flow, period, limit, ModelBudgets.Policy.FAIL, T0);
  }

  private static ModelCalls.Call call(
      String execution, String node, String model, long in, long out, double cost, Instant at) {
    return new ModelCalls.Call(
        "default", execution, node, "llm", "flow-" + node, "local", model, in, out, cost, at);
  }
}
