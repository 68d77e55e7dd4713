package io.aispine.kyc.mrz;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class MrzReaderTest {

  private final MrzReader reader = new MrzReader(LocalDate.of(2026, 12, 1));

  // ICAO 9303 part 4 and part 5 specimens
  private static final List<String> TD3 =
      List.of(
          "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
          "L898902C36UTO7408122F1204159ZE184226B<<<<<10");
  private static final List<String> TD1 =
      List.of(
          "I<UTOD231458907<<<<<<<<<<<<<<<",
          "7408122F1204159UTO<<<<<<<<<<<6",
          "ERIKSSON<<ANNA<MARIA<<<<<<<<<<");

  @Test
  void check_digits_of_the_icao_specimen() {
    assertThat(CheckDigits.of("L898902C3")).isEqualTo('6');
    assertThat(CheckDigits.of("740812")).isEqualTo('2');
    assertThat(CheckDigits.of("120415")).isEqualTo('9');
    assertThat(CheckDigits.of("ZE184226B<<<<<")).isEqualTo('1');
    assertThat(CheckDigits.of("D23145890")).isEqualTo('7');
  }

  @Test
  void reads_the_td3_specimen_with_every_check_verified_and_names_split() {
    MrzReading reading = reader.read(TD3).orElseThrow();

    assertThat(reading.valid()).isTrue();
    assertThat(reading.checks())
        .containsOnlyKeys(
            "document_number", "birth_date", "expiry_date", "personal_number", "composite");
    MrzData d = reading.data();
    assertThat(d.format()).isEqualTo(MrzFormat.TD3);
    assertThat(d.surname()).isEqualTo("ERIKSSON");
    assertThat(d.givenNames()).isEqualTo("ANNA MARIA");
    assertThat(d.documentNumber()).isEqualTo("L898902C3");
    assertThat(d.nationality()).isEqualTo("UTO");
    assertThat(d.birthDate()).isEqualTo(LocalDate.of(1974, 8, 12));
    assertThat(d.sex()).isEqualTo("F");
    assertThat(d.expiryDate()).isEqualTo(LocalDate.of(2012, 4, 15));
    assertThat(d.optionalData()).isEqualTo("ZE184226B");
  }

  @Test
  void reads_the_td1_specimen_among_other_text() {
    var page =
        new java.util.ArrayList<String>(List.of("UTOPIA", "IDENTITY CARD", "Surname: ERIKSSON"));
    page.addAll(TD1);

    MrzReading reading = reader.read(page).orElseThrow();

    assertThat(reading.valid()).isTrue();
    assertThat(reading.data().format()).isEqualTo(MrzFormat.TD1);
    assertThat(reading.data().documentNumber()).isEqualTo("D23145890");
    assertThat(reading.data().surname()).isEqualTo("ERIKSSON");
    assertThat(reading.data().givenNames()).isEqualTo("ANNA MARIA");
  }

  @Test
  void repairs_look_alikes_by_field_type_and_lost_fillers() {
    // O for 0 in the date of birth, I for 1 in the expiry check, S for 5 in the expiry, a '<' of
    // the
    // state code read as K, 0 for O in the nationality, and three fillers lost from the name.
    List<String> misread =
        List.of(
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<",
            "L898902C36UT07408I22F12041S9ZE184226B<<<<<10");

    MrzReading reading = reader.read(misread).orElseThrow();

    assertThat(reading.valid()).isTrue();
    assertThat(reading.lines()).containsExactlyElementsOf(TD3);
    assertThat(reading.corrections()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void settles_an_ambiguous_document_number_with_its_check_digit() {
    // the document number L898902C3 read with O for 0 and 8 for B: only one reading verifies
    List<String> misread = List.of(TD3.get(0), "L8989O2C36UTO7408122F1204159ZE184226B<<<<<10");

    MrzReading reading = reader.read(misread).orElseThrow();

    assertThat(reading.valid()).isTrue();
    assertThat(reading.data().documentNumber()).isEqualTo("L898902C3");
  }

  @Test
  void a_wrong_digit_in_a_date_fails_its_check() {
    List<String> wrong = List.of(TD3.get(0), "L898902C36UTO7408132F1204159ZE184226B<<<<<10");

    MrzReading reading = reader.read(wrong).orElseThrow();

    assertThat(reading.valid()).isFalse();
    assertThat(reading.checks()).containsEntry("birth_date", false);
  }

  @Test
  void fillers_read_as_letters_after_the_names_are_fillers() {
    List<String> misread =
        List.of(
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<KCC<<<<E<<<<<<",
            "L898902C36UTO7408122F1204159ZE184226B<<<<<10");

    MrzReading reading = reader.read(misread).orElseThrow();

    assertThat(reading.data().givenNames()).isEqualTo("ANNA MARIA");
    assertThat(reading.lines().get(0)).isEqualTo(TD3.get(0));
  }

  @Test
  void optional_data_blurred_into_look_alike_letters_is_empty_and_the_zone_verifies() {
    // guest-072 of the benchmark: the personal number's fillers read as C and E, its check digit
    // and the composite too
    List<String> misread =
        List.of(
            "P<FRADUBOIS<MARTIN<<EMILIE<<<<CCCCECECEECCECC",
            "YY56608388FRA6908072F2801186<<<CCCEECECCECCC");

    MrzReading reading = reader.read(misread).orElseThrow();

    assertThat(reading.valid()).isTrue();
    assertThat(reading.lines().get(1)).isEqualTo("YY56608388FRA6908072F2801186<<<<<<<<<<<<<<<6");
    assertThat(reading.data().optionalData()).isEmpty();
  }

  // guest-066 of the benchmark: blur turned the 5 of the birth year into a 2 (check digit 5 fails),
  // and the document number's 5 into an S, which reads as JN4259945 or JN4ZS9945, both with the
  // check digit 4
  private static final List<String> BLURRED_BIRTH_DATE =
      List.of(
          "IDSWEJN42S99454<<<<KKKKKKKKKKK",
          "2704015M3207187SWE<<<<<<<<<<<0",
          "AASTROEMK<<<BJOERN<<<<<<<<<<<<");

  @Test
  void a_misread_date_is_taken_from_the_visual_zone_when_its_check_digit_and_the_composite_agree() {
    MrzReading alone = reader.read(BLURRED_BIRTH_DATE).orElseThrow();
    MrzReading helped =
        reader
            .read(
                BLURRED_BIRTH_DATE, new PrintedFields("JN4259945", LocalDate.of(1957, 4, 1), null))
            .orElseThrow();

    assertThat(alone.valid()).isFalse();
    assertThat(helped.valid()).isTrue();
    assertThat(helped.data().birthDate()).isEqualTo(LocalDate.of(1957, 4, 1));
    assertThat(helped.data().documentNumber()).isEqualTo("JN4259945");
  }

  @Test
  void a_printed_date_that_fits_the_field_check_but_not_the_composite_is_not_taken() {
    // 570102 has the same check digit (5) as the true 570401, but the composite (0) disagrees
    MrzReading reading =
        reader
            .read(
                BLURRED_BIRTH_DATE, new PrintedFields("JN4259945", LocalDate.of(1957, 1, 2), null))
            .orElseThrow();

    assertThat(reading.valid()).isFalse();
    assertThat(reading.checks()).containsEntry("composite", false);
  }

  @Test
  void text_without_a_zone_reads_as_nothing() {
    assertThat(reader.read(List.of("Breakfast 7:00 - 10:30", "Greetings from the beach!")))
        .isEmpty();
  }
}
