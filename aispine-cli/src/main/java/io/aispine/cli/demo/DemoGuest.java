package io.aispine.cli.demo;

import io.aispine.kyc.mrz.MrzFormat;
import io.aispine.kyc.reservations.Reservation;
import io.aispine.kyc.synth.GuestKind;
import io.aispine.kyc.synth.SyntheticGuest;
import io.aispine.kyc.synth.SyntheticGuests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One guest of the demo: a generated ID photo, the booking the hotel holds, and the answer the
 * guest must get.
 *
 * @param id {@code guest-1} …
 * @param situation what the guest's case is
 * @param synthetic the generated document and photo
 * @param booking the hotel's booking (the generator's, or changed for a front-desk review)
 */
record DemoGuest(String id, Situation situation, SyntheticGuest synthetic, Reservation booking) {

  /** What download_media inlines for the ocr agent (docs/kyc.md): larger photos are not read. */
  static final int MAX_PHOTO_BYTES = 512 * 1024;

  /** The guests' situations in the order they arrive; the lineup repeats after the last. */
  enum Situation {
    VALID(GuestKind.VALID, "confirm", "valid document"),
    REVIEW(GuestKind.VALID, "confirm", "booked with another nationality: front-desk review"),
    EXPIRED(GuestKind.EXPIRED, "refuse", "document expired before check-in"),
    NAME_MISMATCH(GuestKind.NAME_MISMATCH, "refuse", "someone else's document"),
    BIRTH_DATE_MISMATCH(GuestKind.BIRTH_DATE_MISMATCH, "refuse", "another date of birth"),
    UNREADABLE(GuestKind.UNREADABLE, "ask_again", "photo washed out by glare and blur"),
    NOT_A_DOCUMENT(GuestKind.NOT_A_DOCUMENT, "ask_again", "a holiday snapshot, not a document");

    private final GuestKind kind;
    private final String reply;
    private final String story;

    Situation(GuestKind kind, String reply, String story) {
      this.kind = kind;
      this.reply = reply;
      this.story = story;
    }

    /** The node of kyc_onboarding that must answer the guest. */
    String reply() {
      return reply;
    }

    /** The case in a few words. */
    String story() {
      return story;
    }
  }

  /** The guest's WhatsApp number (wa_id: digits only), as the booking holds it. */
  String waId() {
    return booking.phone().replaceAll("[^0-9]", "");
  }

  /** The document's layout: a passport (TD3) or an identity card (TD1). */
  String layout() {
    if (situation == Situation.NOT_A_DOCUMENT) {
      return "snapshot";
    }
    return synthetic.document().format() == MrzFormat.TD3 ? "passport (TD3)" : "ID card (TD1)";
  }

  /**
   * {@code count} guests for {@code seed}: the situations in turn, passports and identity cards
   * alternating, each photo small enough for the flow to read and each phone number distinct.
   */
  static List<DemoGuest> lineup(int count, long seed) {
    var generator = new SyntheticGuests(seed);
    Situation[] situations = Situation.values();
    // the generator lays indexes out in blocks of six: 0-5 passports, 6-11 ID cards, 12-17 …
    int[] next = {0, 0};
    Set<String> phones = new HashSet<>();
    List<DemoGuest> guests = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Situation situation = situations[i % situations.length];
      int layout = i % 2;
      SyntheticGuest synthetic;
      do {
        int n = next[layout]++;
        int index = (n / 6) * 12 + layout * 6 + n % 6;
        synthetic = generator.guest(index, situation.kind);
      } while (synthetic.image().length > MAX_PHOTO_BYTES
          || !phones.add(synthetic.reservation().phone().replaceAll("[^0-9]", "")));
      Reservation booking = synthetic.reservation();
      if (situation == Situation.REVIEW) {
        booking = otherNationality(booking);
      }
      guests.add(new DemoGuest("guest-" + (i + 1), situation, synthetic, booking));
    }
    return List.copyOf(guests);
  }

  /** The hotel's bookings of {@code guests} as the CSV export the reservations agent reads. */
  static void writeReservations(List<DemoGuest> guests, Path csv) {
    var text =
        new StringBuilder("reference,guest_name,phone,birth_date,nationality,check_in,check_out\n");
    for (DemoGuest guest : guests) {
      Reservation r = guest.booking();
      text.append(
              String.join(
                  ",",
                  r.reference(),
                  "\"" + r.guestName().replace("\"", "\"\"") + "\"",
                  r.phone(),
                  r.birthDate() == null ? "" : r.birthDate().toString(),
                  r.nationality() == null ? "" : r.nationality(),
                  r.checkIn().toString(),
                  r.checkOut() == null ? "" : r.checkOut().toString()))
          .append('\n');
    }
    try {
      Files.writeString(csv, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the demo's reservations to " + csv, e);
    }
  }

  /** The same booking made with another nationality: the matcher asks a person ({@code review}). */
  private static Reservation otherNationality(Reservation r) {
    String other = "FRA".equals(r.nationality()) ? "ITA" : "FRA";
    return new Reservation(
        r.reference(), r.guestName(), r.phone(), r.birthDate(), other, r.checkIn(), r.checkOut());
  }
}
