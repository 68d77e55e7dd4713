package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

/**
 * A flood of requests without a valid key adds a bounded number of audit entries per minute (and
 * one that counts the rest), while every refusal of a valid key is recorded.
 */
class AuditRefusalFloodTest extends ServerTestBase {

  private final FakeClock clock = new FakeClock(Instant.parse("2026-12-07T09:00:00Z"));

  @Override
  protected InstantSource clock() {
    return clock;
  }

  @Test
  void unauthenticated_refusals_are_recorded_up_to_the_budget_and_the_rest_are_counted()
      throws Exception {
    var stranger = new Api(server.port(), "ask_nope");
    for (int i = 0; i < 50; i++) {
      assertThat(stranger.get("/api/v1/flows").status()).isEqualTo(401);
    }
    assertThat(refused()).hasSize(20);

    clock.advance(Duration.ofSeconds(61));
    assertThat(stranger.postJson("/api/v1/flows/x/executions", "{}").status()).isEqualTo(401);

    JsonNode all = refused();
    assertThat(all).hasSize(22);
    JsonNode summary = all.get(20);
    assertThat(summary.get("action").asText()).isEqualTo("audit.refusals_unrecorded");
    assertThat(summary.get("target_id").asText()).startsWith("30 since 2026-12-07T09:00:00Z");
    assertThat(all.get(21).get("status").asInt()).isEqualTo(401);
    assertThat(all.get(21).get("action").asText()).isEqualTo("execution.start");
    assertThat(api.get("/api/v1/audit/verify").json().get("intact").asBoolean()).isTrue();
  }

  private JsonNode refused() throws Exception {
    return api.get("/api/v1/audit?outcome=refused&limit=500").json().get("items");
  }
}
