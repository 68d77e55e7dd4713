package io.aispine.kyc.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class KycMatcherTest {

  private static final LocalDate BIRTH = LocalDate.of(1985, 3, 2);
  private static final LocalDate CHECK_IN = LocalDate.of(2026, 12, 3);

  private final KycMatcher matcher = new KycMatcher();

  private static Identity passport(String surname, String given) {
    return new Identity(surname, given, BIRTH, LocalDate.of(2030, 1, 1), "ESP", true);
  }

  private static Booking booking(String name) {
    return new Booking(name, BIRTH, "ESP", CHECK_IN);
  }

  @Test
  void names_match_across_accents_case_order_and_a_missing_middle_name() {
    Identity doc = passport("GARCIA LOPEZ", "JOSE MARIA");

    for (String booked :
        new String[] {"José María García López", "García López, José María", "jose garcia lopez"}) {
      MatchResult result = matcher.match(doc, booking(booked));
      assertThat(result.verdict()).as(booked).isEqualTo(Verdict.MATCH);
      assertThat(result.score()).as(booked).isGreaterThan(0.95);
    }
  }

  @Test
  void icao_transliterations_and_plain_accent_drops_both_match() {
    assertThat(matcher.match(passport("MUELLER", "JUERGEN"), booking("Jürgen Müller")).verdict())
        .isEqualTo(Verdict.MATCH);
    assertThat(matcher.match(passport("MULLER", "JURGEN"), booking("Jürgen Müller")).verdict())
        .isEqualTo(Verdict.MATCH);
    assertThat(matcher.match(passport("OEDEGAARD", "ASTRID"), booking("Astrid Ødegaard")).verdict())
        .isEqualTo(Verdict.MATCH);
    assertThat(matcher.match(passport("GROSS", "MATTHIAS"), booking("Matthias Groß")).verdict())
        .isEqualTo(Verdict.MATCH);
    assertThat(matcher.match(passport("OBRIEN", "ZOE"), booking("Zoë O'Brien")).verdict())
        .isEqualTo(Verdict.MATCH);
    assertThat(matcher.match(passport("NOWAK", "ALEKSANDER"), booking("Alexander Nowak")).verdict())
        .isEqualTo(Verdict.MATCH);
  }

  @Test
  void a_typo_in_a_given_name_goes_to_review_and_another_person_is_a_mismatch() {
    MatchResult typo = matcher.match(passport("GARCIA", "JOSE"), booking("Josef Garcia"));
    MatchResult other = matcher.match(passport("GARCIA", "JOSE"), booking("Mary Jane Smith"));
    MatchResult sameFirstName =
        matcher.match(passport("GARCIA", "JOSE"), booking("Jose Fernandez"));

    assertThat(typo.verdict()).isEqualTo(Verdict.REVIEW);
    assertThat(other.verdict()).isEqualTo(Verdict.MISMATCH);
    assertThat(sameFirstName.verdict()).isEqualTo(Verdict.MISMATCH);
    assertThat(other.fields().getFirst().reason()).contains("not on the document");
  }

  @Test
  void another_date_of_birth_is_a_mismatch_whatever_the_name() {
    Booking booked = new Booking("Jose Garcia", BIRTH.plusDays(1), "ESP", CHECK_IN);

    MatchResult result = matcher.match(passport("GARCIA", "JOSE"), booked);

    assertThat(result.verdict()).isEqualTo(Verdict.MISMATCH);
    assertThat(result.fields())
        .anySatisfy(
            f -> {
              assertThat(f.field()).isEqualTo("birth_date");
              assertThat(f.reason()).contains("1985-03-02", "1985-03-03");
            });
  }

  @Test
  void a_document_expired_before_check_in_is_a_mismatch_but_one_expiring_on_it_is_not() {
    Identity expired = new Identity("GARCIA", "JOSE", BIRTH, CHECK_IN.minusDays(1), "ESP", true);
    Identity lastDay = new Identity("GARCIA", "JOSE", BIRTH, CHECK_IN, "ESP", true);

    assertThat(matcher.match(expired, booking("Jose Garcia")).verdict())
        .isEqualTo(Verdict.MISMATCH);
    assertThat(matcher.match(lastDay, booking("Jose Garcia")).verdict()).isEqualTo(Verdict.MATCH);
  }

  @Test
  void another_nationality_or_an_unverified_document_goes_to_review() {
    Booking french = new Booking("Jose Garcia", BIRTH, "FRA", CHECK_IN);
    Identity visualOnly =
        new Identity("GARCIA", "JOSE", BIRTH, LocalDate.of(2030, 1, 1), "ESP", false);

    assertThat(matcher.match(passport("GARCIA", "JOSE"), french).verdict())
        .isEqualTo(Verdict.REVIEW);
    assertThat(matcher.match(visualOnly, booking("Jose Garcia")).verdict())
        .isEqualTo(Verdict.REVIEW);
  }

  @Test
  void output_has_score_verdict_and_a_reason_per_field() {
    var out = matcher.match(passport("GARCIA", "JOSE"), booking("Jose Garcia")).toOutput();

    assertThat(out).containsEntry("verdict", "match").containsKey("score");
    assertThat(reasons(out))
        .containsOnlyKeys("name", "birth_date", "expiry", "nationality", "document");
  }

  @SuppressWarnings("unchecked")
  private static java.util.Map<String, Object> reasons(java.util.Map<String, Object> out) {
    return (java.util.Map<String, Object>) out.get("reasons");
  }
}
