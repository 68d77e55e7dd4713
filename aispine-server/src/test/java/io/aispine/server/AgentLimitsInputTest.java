package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code PUT /api/v1/agents/{name}/limits} takes whole numbers in range, nothing else. */
class AgentLimitsInputTest extends ServerTestBase {

  private static final String LIMITS = "/api/v1/agents/echo/limits";

  @Test
  void refuses_a_limit_that_is_not_a_whole_number_naming_the_field() {
    // found by fuzzing: "5" was read as 5 and 1.5 was stored as 1
    List<String> values = List.of("\"5\"", "1.5", "2.0", "1e3", "true", "[1]", "{}", "\"\"");
    for (String field : List.of("rate_per_minute", "max_concurrency")) {
      for (String value : values) {
        Api.Answer answer = api.putJson(LIMITS, "{\"" + field + "\": " + value + "}");

        assertRefused(answer, "/" + field, field + " = " + value);
        assertThat(answer.json().get("detail").asText())
            .as("%s = %s", field, value)
            .contains("whole number");
      }
    }
    assertNoOverride();
  }

  @Test
  void refuses_a_negative_zero_or_absurd_limit_with_its_range() {
    List<String> values =
        List.of("-1", "0", "1000001", "2147483648", "99999999999999999999", "1e400", "-1e400");
    for (String value : values) {
      Api.Answer answer = api.putJson(LIMITS, "{\"rate_per_minute\": " + value + "}");

      assertRefused(answer, "/rate_per_minute", value);
      assertThat(answer.json().get("detail").asText())
          .as(value)
          .contains("from 1 to 1000000")
          .doesNotContain("\n")
          .doesNotContain("Source");
    }
    assertNoOverride();
  }

  @Test
  void takes_whole_numbers_in_range_and_null_to_clear() {
    Api.Answer set =
        api.putJson(LIMITS, "{\"rate_per_minute\": 1000000, \"max_concurrency\": 100000}");

    assertThat(set.status()).as(set.body()).isEqualTo(200);
    assertThat(set.json().at("/override/rate_per_minute").asLong()).isEqualTo(1_000_000);
    assertThat(set.json().at("/override/max_concurrency").asLong()).isEqualTo(100_000);
    Api.Answer cleared = api.putJson(LIMITS, "{\"rate_per_minute\": null}");
    assertThat(cleared.status()).isEqualTo(200);
    assertNoOverride();
  }

  private static void assertRefused(Api.Answer answer, String pointer, String what) {
    assertThat(answer.status()).as("%s → %s", what, answer.body()).isEqualTo(400);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    JsonNode errors = answer.json().get("errors");
    assertThat(errors).as("%s → %s", what, answer.body()).isNotNull();
    assertThat(errors.get(0).get("pointer").asText()).as(what).isEqualTo(pointer);
  }

  private void assertNoOverride() {
    JsonNode limits = api.get(LIMITS).json();
    assertThat(limits.at("/override/rate_per_minute").isNull()).as(limits.toString()).isTrue();
    assertThat(limits.at("/override/max_concurrency").isNull()).as(limits.toString()).isTrue();
  }
}
