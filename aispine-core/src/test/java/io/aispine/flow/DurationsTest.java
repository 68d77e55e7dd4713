package io.aispine.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest(name = "{0} = {1} ms")
  @CsvSource({
    "250ms, 250",
    "30s, 30000",
    "5m, 300000",
    "2h, 7200000",
    "1d, 86400000",
    "1m30s, 90000",
    "1h2m3s4ms, 3723004",
    "PT30S, 30000",
    "PT1M30S, 90000",
    "P1DT1H, 90000000",
    "0s, 0"
  })
  void parses_compact_and_iso_durations(String text, long millis) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "", "30", "30 s", "1.5s", "-5s", "5sec", "s", "PTX"})
  void rejects_text_that_is_not_a_duration_with_a_hint(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("use 250ms, 30s");
  }

  @ParameterizedTest
  @CsvSource({
    "250, 250ms",
    "30000, 30s",
    "90000, 1m30s",
    "86400000, 1d",
    "0, 0s",
    "3723004, 1h2m3s4ms"
  })
  void formats_compactly(long millis, String text) {
    assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(text);
  }

  @Test
  void format_output_parses_back_to_the_same_duration() {
    Duration odd = Duration.ofDays(3).plusMinutes(7).plusMillis(9);

    assertThat(Durations.parse(Durations.format(odd))).isEqualTo(odd);
  }
}
