package io.aispine.kyc.reservations;

import java.io.IOException;
import java.util.List;

/** Where bookings come from: a table the hotel exports, or its property-management system. */
public interface ReservationSource {

  /** The bookings matching {@code query}; best match first. */
  List<Reservation> find(Query query) throws IOException, InterruptedException;

  /** What to look a booking up by; any field may be null, at least one is not. */
  record Query(String phone, String reference, String name) {}
}
