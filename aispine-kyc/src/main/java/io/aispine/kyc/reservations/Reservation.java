package io.aispine.kyc.reservations;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A booking as the hotel's system holds it.
 *
 * @param reference booking reference ({@code BK-1042})
 * @param guestName full name, any order, accents allowed
 * @param phone as booked, any formatting
 * @param birthDate null when unknown
 * @param nationality three-letter code, null when unknown
 * @param checkIn arrival date
 * @param checkOut departure date, null when open
 */
public record Reservation(
    String reference,
    String guestName,
    String phone,
    LocalDate birthDate,
    String nationality,
    LocalDate checkIn,
    LocalDate checkOut) {

  public Reservation {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(guestName, "guestName");
  }

  /** As agent output: dates as ISO strings, absent values left out. */
  public Map<String, Object> toOutput() {
    var out = new LinkedHashMap<String, Object>();
    out.put("reference", reference);
    out.put("guest_name", guestName);
    putIfPresent(out, "phone", phone);
    putIfPresent(out, "birth_date", birthDate);
    putIfPresent(out, "nationality", nationality);
    putIfPresent(out, "check_in", checkIn);
    putIfPresent(out, "check_out", checkOut);
    return out;
  }

  private static void putIfPresent(Map<String, Object> out, String key, Object value) {
    if (value != null) {
      out.put(key, value.toString());
    }
  }
}
