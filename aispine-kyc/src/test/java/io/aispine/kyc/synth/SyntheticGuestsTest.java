package io.aispine.kyc.synth;

import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.kyc.mrz.MrzFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticGuestsTest {

  @Test
  void the_same_seed_gives_the_same_guests_byte_for_byte() {
    List<SyntheticGuest> first = new SyntheticGuests(7).generate(6);
    List<SyntheticGuest> again = new SyntheticGuests(7).generate(6);
    List<SyntheticGuest> other = new SyntheticGuests(8).generate(6);

    for (int i = 0; i < first.size(); i++) {
      assertThat(again.get(i).image()).isEqualTo(first.get(i).image());
      assertThat(again.get(i).reservation()).isEqualTo(first.get(i).reservation());
      assertThat(other.get(i).image()).isNotEqualTo(first.get(i).image());
    }
  }

  @Test
  void covers_every_kind_on_both_layouts_with_bookings_that_fit_the_kind() {
    List<SyntheticGuest> guests = new SyntheticGuests(1).generate(12);

    assertThat(guests).extracting(SyntheticGuest::kind).containsAll(List.of(GuestKind.values()));
    assertThat(guests)
        .extracting(g -> g.document().format())
        .contains(MrzFormat.TD3, MrzFormat.TD1);
    for (SyntheticGuest g : guests) {
      switch (g.kind()) {
        case EXPIRED -> assertThat(g.document().expiryDate()).isBefore(g.reservation().checkIn());
        case BIRTH_DATE_MISMATCH ->
            assertThat(g.reservation().birthDate()).isNotEqualTo(g.document().birthDate());
        case VALID -> {
          assertThat(g.reservation().birthDate()).isEqualTo(g.document().birthDate());
          assertThat(g.document().expiryDate()).isAfter(g.reservation().checkIn());
        }
        default -> {}
      }
      assertThat(g.mimeType()).isIn("image/png", "image/jpeg");
    }
  }
}
