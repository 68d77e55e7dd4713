package io.aispine.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {

  @Test
  void suggests_a_name_within_two_edits() {
    assertThat(DidYouMean.closest("need", NodeReader.COMMON)).isEqualTo("needs");
    assertThat(DidYouMean.closest("dowload", List.of("download", "ocr"))).isEqualTo("download");
    assertThat(DidYouMean.closest("all_sucess", List.of("all_success", "all_done")))
        .isEqualTo("all_success");
  }

  @Test
  void suggests_a_name_the_typed_text_is_a_prefix_of() {
    assertThat(DidYouMean.closest("contin", NodeReader.COMMON)).isEqualTo("continue_on_error");
  }

  @Test
  void suggests_nothing_when_no_name_is_close() {
    assertThat(DidYouMean.closest("escalte", List.of("check", "confirm", "review"))).isNull();
    assertThat(DidYouMean.hint("xyz", List.of("needs"))).isEmpty();
  }

  @Test
  void prefers_the_closest_of_several_candidates() {
    assertThat(DidYouMean.closest("ocr2", List.of("ocr", "ocr22", "orc2"))).isEqualTo("ocr");
  }

  @Test
  void hint_reads_as_a_question_in_parentheses() {
    assertThat(DidYouMean.hint("need", List.of("needs"))).isEqualTo(" (did you mean 'needs'?)");
  }
}
