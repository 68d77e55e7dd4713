package io.aispine.kyc.mrz;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class MrzRoundTripProperties {

  private final MrzReader reader = new MrzReader(LocalDate.of(2026, 12, 1));

  @Property(tries = 300)
  void what_is_written_reads_back_exactly(@ForAll("documents") MrzData data) {
    MrzReading reading = reader.read(List.of(MrzWriter.lines(data))).orElseThrow();

    assertThat(reading.valid()).isTrue();
    assertThat(reading.data()).isEqualTo(data);
  }

  @Property(tries = 300)
  void a_digit_read_as_its_look_alike_letter_is_repaired(
      @ForAll("documents") MrzData data, @ForAll("digitPositions") int pick) {
    String[] lines = MrzWriter.lines(data);
    int row = 1;
    // the dates: TD3 line 2 positions 13-18 and 21-26; TD1 line 2 positions 0-5 and 8-13
    int[] positions =
        data.format() == MrzFormat.TD3
            ? new int[] {13, 14, 15, 16, 17, 18, 21, 22, 23, 24, 25, 26}
            : new int[] {0, 1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 13};
    int at = positions[pick % positions.length];
    char[] chars = lines[row].toCharArray();
    chars[at] = lookAlike(chars[at]);
    var misread = new ArrayList<>(List.of(lines));
    misread.set(row, new String(chars));

    MrzReading reading = reader.read(misread).orElseThrow();

    assertThat(reading.valid()).isTrue();
    assertThat(reading.data()).isEqualTo(data);
  }

  @Property(tries = 300)
  void another_digit_in_a_checked_field_is_always_caught(
      @ForAll("documents") MrzData data,
      @ForAll("digitPositions") int pick,
      @ForAll("shifts") int shift) {
    String[] lines = MrzWriter.lines(data);
    int[] positions =
        data.format() == MrzFormat.TD3
            ? new int[] {13, 14, 15, 16, 17, 18, 21, 22, 23, 24, 25, 26}
            : new int[] {0, 1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 13};
    int at = positions[pick % positions.length];
    char[] chars = lines[1].toCharArray();
    chars[at] = (char) ('0' + (chars[at] - '0' + shift) % 10);
    var wrong = new ArrayList<>(List.of(lines));
    wrong.set(1, new String(chars));

    MrzReading reading = reader.read(wrong).orElseThrow();

    assertThat(reading.valid()).isFalse();
  }

  private static char lookAlike(char digit) {
    return switch (digit) {
      case '0' -> 'O';
      case '1' -> 'I';
      case '2' -> 'Z';
      case '5' -> 'S';
      case '6' -> 'G';
      case '8' -> 'B';
      default -> digit;
    };
  }

  @Provide
  Arbitrary<Integer> digitPositions() {
    return Arbitraries.integers().between(0, 1000);
  }

  @Provide
  Arbitrary<Integer> shifts() {
    return Arbitraries.integers().between(1, 9);
  }

  @Provide
  Arbitrary<MrzData> documents() {
    Arbitrary<String> word =
        Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(2).ofMaxLength(6);
    Arbitrary<String> names = word.list().ofMinSize(1).ofMaxSize(2).map(w -> String.join(" ", w));
    Arbitrary<String> state = Arbitraries.of("UTO", "ESP", "DEU", "IRL", "D", "GBR");
    Arbitrary<String> number =
        Arbitraries.strings()
            .withCharRange('A', 'Z')
            .withCharRange('0', '9')
            .ofMinLength(6)
            .ofMaxLength(9);
    Arbitrary<LocalDate> birth =
        Arbitraries.integers().between(0, 365 * 70).map(d -> LocalDate.of(1940, 1, 1).plusDays(d));
    Arbitrary<LocalDate> expiry =
        Arbitraries.integers().between(0, 365 * 20).map(d -> LocalDate.of(2018, 1, 1).plusDays(d));
    return Combinators.combine(
            Arbitraries.of(MrzFormat.values()),
            names,
            names,
            state,
            number,
            birth,
            expiry,
            Arbitraries.of("M", "F", "X"))
        .as(
            (format, surname, given, nationality, doc, b, e, sex) ->
                new MrzData(
                    format,
                    format == MrzFormat.TD3 ? "P" : "ID",
                    nationality,
                    surname,
                    given,
                    doc,
                    nationality,
                    b,
                    sex,
                    e,
                    ""));
  }
}
