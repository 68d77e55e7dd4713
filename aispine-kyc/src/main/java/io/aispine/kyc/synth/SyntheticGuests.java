package io.aispine.kyc.synth;

import io.aispine.kyc.mrz.MrzData;
import io.aispine.kyc.mrz.MrzFormat;
import io.aispine.kyc.names.NameForms;
import io.aispine.kyc.reservations.Reservation;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates guests with their ID photos and bookings, the same ones for the same seed: every kind
 * of {@link GuestKind} in turn, passports (TD3) and identity cards (TD1) alternating.
 */
public final class SyntheticGuests {

  /** The day the guests are generated for: expiry and ages are relative to it, not to the clock. */
  public static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

  private final long seed;
  private final IdRenderer renderer = new IdRenderer();

  /** A generator for {@code seed}. */
  public SyntheticGuests(long seed) {
    this.seed = seed;
  }

  /** {@code count} guests, kinds in turn. */
  public List<SyntheticGuest> generate(int count) {
    List<SyntheticGuest> out = new ArrayList<>(count);
    GuestKind[] kinds = GuestKind.values();
    for (int i = 0; i < count; i++) {
      out.add(guest(i, kinds[i % kinds.length]));
    }
    return out;
  }

  /** Guest number {@code index}, of {@code kind}. */
  public SyntheticGuest guest(int index, GuestKind kind) {
    Random random = new Random(seed * 1_000_003L + index);
    MrzFormat format = (index / GuestKind.values().length) % 2 == 0 ? MrzFormat.TD3 : MrzFormat.TD1;
    People.Person person = People.ALL.get(random.nextInt(People.ALL.size()));
    LocalDate checkIn = TODAY.plusDays(random.nextInt(60));
    LocalDate birth =
        LocalDate.of(1950 + random.nextInt(55), 1 + random.nextInt(12), 1 + random.nextInt(28));
    LocalDate expiry =
        kind == GuestKind.EXPIRED
            ? checkIn.minusDays(1 + random.nextInt(900))
            : checkIn.plusDays(30 + random.nextInt(3000));
    MrzData document =
        new MrzData(
            format,
            format == MrzFormat.TD3 ? "P" : "ID",
            person.nationality(),
            NameForms.toMrz(person.surname(), true),
            NameForms.toMrz(person.given(), true),
            documentNumber(random),
            person.nationality(),
            birth,
            random.nextBoolean() ? "F" : "M",
            expiry,
            "");
    String id = String.format("guest-%03d", index);
    Reservation reservation = booking(id, kind, person, birth, checkIn, random);
    IdRenderer.Photo photo =
        switch (kind) {
          case NOT_A_DOCUMENT -> renderer.snapshot(random);
          case UNREADABLE -> renderer.document(document, random, true);
          default -> renderer.document(document, random, false);
        };
    return new SyntheticGuest(id, kind, document, reservation, photo.bytes(), photo.mimeType());
  }

  private static Reservation booking(
      String id,
      GuestKind kind,
      People.Person person,
      LocalDate birth,
      LocalDate checkIn,
      Random random) {
    People.Person booked = person;
    LocalDate bookedBirth = birth;
    if (kind == GuestKind.NAME_MISMATCH) {
      do {
        booked = People.ALL.get(random.nextInt(People.ALL.size()));
      } while (booked.surname().equals(person.surname()));
    }
    if (kind == GuestKind.BIRTH_DATE_MISMATCH) {
      bookedBirth = birth.plusDays((random.nextBoolean() ? 1 : -1) * (1 + random.nextInt(400)));
    }
    String name = bookedName(booked, random);
    String phone =
        String.format(
            "+34 6%02d %03d %03d", random.nextInt(100), random.nextInt(1000), random.nextInt(1000));
    return new Reservation(
        "BK-" + id.substring(6) + (char) ('A' + random.nextInt(26)),
        name,
        phone,
        bookedBirth,
        booked.nationality(),
        checkIn,
        checkIn.plusDays(1 + random.nextInt(10)));
  }

  /**
   * The name as a booking site holds it: accents kept, sometimes surname first, sometimes only the
   * first given name.
   */
  private static String bookedName(People.Person p, Random random) {
    String given = p.given();
    if (given.contains(" ") && random.nextInt(3) == 0) {
      given = given.substring(0, given.indexOf(' '));
    }
    return switch (random.nextInt(3)) {
      case 0 -> p.surname() + ", " + given;
      case 1 -> (given + " " + p.surname()).toLowerCase(java.util.Locale.ROOT);
      default -> given + " " + p.surname();
    };
  }

  private static String documentNumber(Random random) {
    String letters = "ABCDEFGHJKLMNPRSTUVWXYZ";
    var number = new StringBuilder();
    number.append(letters.charAt(random.nextInt(letters.length())));
    number.append(letters.charAt(random.nextInt(letters.length())));
    for (int i = 0; i < 7; i++) {
      number.append((char) ('0' + random.nextInt(10)));
    }
    return number.toString();
  }
}
