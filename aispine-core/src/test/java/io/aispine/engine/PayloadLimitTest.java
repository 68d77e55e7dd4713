package io.aispine.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aispine.execution.ErrorInfo;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadLimitTest {

  private static final PayloadLimit ONE_KIB = new PayloadLimit(1024);

  @Test
  void reads_sizes_in_bytes_kib_and_mib() {
    assertThat(PayloadLimit.parse("1048576").bytes()).isEqualTo(1024 * 1024);
    assertThat(PayloadLimit.parse(" 512KiB ").bytes()).isEqualTo(512 * 1024);
    assertThat(PayloadLimit.parse("512k").bytes()).isEqualTo(512 * 1024);
    assertThat(PayloadLimit.parse("4MiB").bytes()).isEqualTo(4 * 1024 * 1024);
    assertThat(PayloadLimit.parse("4 M").bytes()).isEqualTo(4 * 1024 * 1024);
  }

  @Test
  void refuses_a_size_that_is_not_one_or_out_of_range_naming_the_setting() {
    assertThatThrownBy(() -> PayloadLimit.parse("lots"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "AISPINE_MAX_NODE_PAYLOAD must be a size like 1MiB, 512KiB or 1048576, was 'lots'");
    assertThatThrownBy(() -> PayloadLimit.parse("1GiB"))
        .hasMessageContaining("must be a size like 1MiB");
    assertThatThrownBy(() -> PayloadLimit.parse("65MiB"))
        .hasMessageContaining("must be from 1KiB to 64MiB");
    assertThatThrownBy(() -> PayloadLimit.parse("10"))
        .hasMessageContaining("must be from 1KiB to 64MiB");
  }

  @Test
  void a_value_within_the_limit_passes_and_one_over_it_is_named_with_its_size() {
    assertThat(
            ONE_KIB.check(Map.of("s", "x".repeat(1000)), PayloadLimit.Kind.INPUT, "node 'a' input"))
        .isEmpty();

    assertThat(
            ONE_KIB.check(
                Map.of("s", "x".repeat(3000)), PayloadLimit.Kind.OUTPUT, "node 'a' output"))
        .contains(
            ErrorInfo.permanent(
                "OUTPUT_TOO_LARGE",
                "node 'a' output is 2.9 KiB; the limit is 1 KiB (AISPINE_MAX_NODE_PAYLOAD)"));
  }

  @Test
  void measures_as_the_store_writes_compact_utf8_json() {
    // 600 characters, but é takes two bytes in UTF-8: {"k":"éé…"} is 1,208 bytes
    assertThat(ONE_KIB.check(Map.of("k", "\u00e9".repeat(600)), PayloadLimit.Kind.INPUT, "v"))
        .hasValueSatisfying(error -> assertThat(error.message()).startsWith("v is 1.2 KiB;"));
    // an instant is written as ISO-8601 text, as the store does
    assertThat(ONE_KIB.check(Instant.EPOCH, PayloadLimit.Kind.INPUT, "v")).isEmpty();
  }

  @Test
  void a_two_billion_element_list_is_measured_without_being_built() {
    List<String> huge = Collections.nCopies(2_000_000_000, "item");

    assertThat(PayloadLimit.DEFAULT.check(huge, PayloadLimit.Kind.OUTPUT, "node 'bomb' output"))
        .hasValueSatisfying(
            error ->
                assertThat(error.message())
                    .isEqualTo(
                        "node 'bomb' output is more than 16 MiB; the limit is 1 MiB"
                            + " (AISPINE_MAX_NODE_PAYLOAD)"));
  }

  @Test
  void a_value_json_cannot_hold_is_refused_as_not_json() {
    assertThat(ONE_KIB.check(new Object(), PayloadLimit.Kind.INPUT, "node 'a' input"))
        .hasValueSatisfying(
            error -> {
              assertThat(error.code()).isEqualTo("INPUT_NOT_JSON");
              assertThat(error.retryable()).isFalse();
              assertThat(error.message()).startsWith("node 'a' input cannot be stored as JSON: ");
            });
  }
}
