package io.aispine.kyc.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentLayoutTest {

  private static TesseractPool.Line line(String text, int left, int top, int right, int bottom) {
    return new TesseractPool.Line(text, left, top, right, bottom, 50);
  }

  @Test
  void the_ends_of_a_washed_out_zone_stacked_on_a_right_edge_are_a_layout() {
    // what sparse OCR finds of an ID card under glare (benchmark guest-010): the title, the
    // portrait's blobs and only the last characters of the zone's three lines
    List<TesseractPool.Line> fragments =
        List.of(
            line("IDENTITY CARD", 97, 64, 438, 106),
            line("0", 154, 175, 274, 313),
            line("ID", 89, 484, 135, 517),
            line("<<", 983, 515, 1037, 545),
            line("<2", 981, 576, 1034, 613),
            line("OE", 81, 614, 132, 647),
            line("<<", 979, 645, 1032, 675));

    assertThat(DocumentLayout.hasAlignedRows(fragments, 1122)).isTrue();
  }

  @Test
  void the_scattered_text_of_a_snapshot_is_no_layout() {
    List<TesseractPool.Line> fragments =
        List.of(
            line("ai", 727, 187, 770, 198),
            line("7", 611, 297, 631, 349),
            line("stati", 670, 561, 724, 567),
            line("Greetings from the beach!", 132, 739, 853, 788),
            line("wore", 84, 838, 132, 843));

    assertThat(DocumentLayout.hasAlignedRows(fragments, 1176)).isFalse();
  }

  @Test
  void rows_at_irregular_pitches_are_no_layout() {
    List<TesseractPool.Line> fragments =
        List.of(
            line("IDENTITY", 97, 64, 438, 106),
            line("ID", 89, 484, 135, 517),
            line("OE", 81, 614, 132, 647));

    assertThat(DocumentLayout.hasAlignedRows(fragments, 1122)).isFalse();
  }
}
