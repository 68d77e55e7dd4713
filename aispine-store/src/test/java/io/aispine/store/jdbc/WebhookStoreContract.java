package io.aispine.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.execution.EventType;
import io.aispine.execution.ExecutionStatus;
import io.aispine.store.WebhookStore;
import io.aispine.store.WebhookStore.Attempt;
import io.aispine.store.WebhookStore.Status;
import io.aispine.store.WebhookStore.Subscription;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The behaviour every dialect must show for webhooks: an outbox filled with each event. */
abstract class WebhookStoreContract extends StoreContract {

  private static final Instant T0 = Executions.T0;
  private static final Instant LATER = T0.plusSeconds(3600);

  private static Subscription subscription(String id, String ws, boolean enabled, String... types) {
    return new Subscription(
        id, ws, "https://example.com/" + id, List.of(types), null, enabled, null, null, T0);
  }

  private void commitEvents(String execution) {
    var state = Executions.running(execution, "kyc", 0);
    store.executions().apply(List.of(Executions.stateOnly(state, true)));
    store
        .executions()
        .apply(
            List.of(
                Executions.withEvents(
                    Executions.with(state, ExecutionStatus.RUNNING, 4, Map.of()),
                    Executions.event(execution, 1, EventType.EXECUTION_STARTED, null),
                    Executions.event(execution, 2, EventType.NODE_COMPLETED, "ocr"),
                    Executions.event(execution, 3, EventType.NODE_LEASE_EXPIRED, "ocr"),
                    Executions.event(execution, 4, EventType.NODE_FAILED, "ocr"))));
  }

  @Test
  void queues_a_delivery_per_matching_enabled_subscription_of_the_event_s_workspace() {
    WebhookStore webhooks = store.webhooks();
    webhooks.create(subscription("wh_nodes", "default", true, "node.*_*", "node.completed"));
    webhooks.create(subscription("wh_off", "default", false, "*"));
    webhooks.create(subscription("wh_other", "acme", true, "*"));
    commitEvents("ex_1");

    List<WebhookStore.Due> due = webhooks.due(LATER, 100);
    // node.*_* matches lease_expired only (the '_' is literal), node.completed by name, once
    assertThat(due)
        .extracting(d -> d.event().event().type())
        .containsExactly(EventType.NODE_COMPLETED, EventType.NODE_LEASE_EXPIRED);
    var first = due.getFirst();
    assertThat(first.delivery().id()).isEqualTo("msg_wh_nodes_" + first.event().position());
    assertThat(first.delivery().status()).isEqualTo(Status.PENDING);
    assertThat(first.url()).isEqualTo("https://example.com/wh_nodes");
    assertThat(first.event().event().data()).containsEntry("seq", 2);
    assertThat(webhooks.deliveries("acme", "wh_other", 10)).isEmpty();
    assertThat(webhooks.list("default"))
        .extracting(Subscription::id)
        .containsExactly("wh_nodes", "wh_off");
    assertThat(webhooks.find("acme", "wh_nodes")).isEmpty();
  }

  @Test
  void records_attempts_disables_and_redelivers_with_a_fresh_window() {
    WebhookStore webhooks = store.webhooks();
    webhooks.create(subscription("wh_a", "default", true, "execution.*"));
    commitEvents("ex_2");
    String id = webhooks.due(LATER, 10).getFirst().delivery().id();

    webhooks.record(
        List.of(
            new Attempt(id, LATER, Status.PENDING, 500, 12, "answered 500", LATER.plusSeconds(5))));
    assertThat(webhooks.due(LATER, 10)).isEmpty();
    var retried = webhooks.due(LATER.plusSeconds(5), 10).getFirst().delivery();
    assertThat(retried.attempts()).isEqualTo(1);
    assertThat(retried.responseCode()).isEqualTo(500);
    assertThat(retried.latencyMillis()).isEqualTo(12);

    webhooks.record(List.of(new Attempt(id, LATER, Status.FAILED, null, 3, "refused", null)));
    assertThat(webhooks.disable("wh_a", "kept failing", LATER)).isTrue();
    assertThat(webhooks.disable("wh_a", "again", LATER)).isFalse();
    assertThat(webhooks.find("default", "wh_a").orElseThrow().disabledReason())
        .isEqualTo("kept failing");
    commitEvents("ex_3"); // disabled: queues nothing
    assertThat(webhooks.deliveries("default", "wh_a", 10)).hasSize(1);

    Instant now = LATER.plusSeconds(60);
    assertThat(webhooks.redeliver("default", "wh_a", null, now)).isEqualTo(1);
    var subscription = webhooks.find("default", "wh_a").orElseThrow();
    assertThat(subscription.enabled()).isTrue();
    assertThat(subscription.disabledReason()).isNull();
    var again = webhooks.due(now, 10).getFirst().delivery();
    assertThat(again.retryFrom()).isEqualTo(now);
    webhooks.record(List.of(new Attempt(id, now, Status.DELIVERED, 204, 1, null, null)));
    assertThat(webhooks.deliveries("default", "wh_a", 10).getFirst().status())
        .isEqualTo(Status.DELIVERED);
    commitEvents("ex_4"); // enabled again: queues again
    assertThat(webhooks.deliveries("default", "wh_a", 10)).hasSize(2);

    assertThat(webhooks.delete("default", "wh_a")).isTrue();
    assertThat(webhooks.deliveries("default", "wh_a", 10)).isEmpty();
    assertThat(webhooks.delete("default", "wh_a")).isFalse();
  }
}
