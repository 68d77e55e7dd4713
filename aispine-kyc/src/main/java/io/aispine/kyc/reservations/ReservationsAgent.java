package io.aispine.kyc.reservations;

import io.aispine.agent.Agent;
import io.aispine.agent.AgentCall;
import io.aispine.agent.AgentException;
import io.aispine.agent.AgentResult;
import io.aispine.kyc.Inputs;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Supplier;

/**
 * Looks a booking up by {@code reference}, {@code phone} or {@code name} (tried in that order when
 * several are given) and answers {@code found}, the {@code reservation} when exactly one fits, and
 * every candidate.
 */
final class ReservationsAgent implements Agent {

  private final Supplier<ReservationSource> source;

  ReservationsAgent(Supplier<ReservationSource> source) {
    this.source = source;
  }

  @Override
  public AgentResult execute(AgentCall call) throws AgentException, InterruptedException {
    var in = new Inputs("reservations", call.inputMap());
    String reference = in.string("reference");
    String phone = in.string("phone");
    String name = in.string("name");
    if (reference == null && phone == null && name == null) {
      throw in.invalid(
          "reference", "or 'phone' or 'name' is required: what to look the booking up by");
    }
    ReservationSource bookings = source.get();
    if (bookings == null) {
      throw new AgentException.Permanent(
          "RESERVATIONS_NOT_CONFIGURED",
          "reservations: no readable source: set AISPINE_RESERVATIONS_CSV to a CSV export (header"
              + " reference,guest_name,phone,birth_date,nationality,check_in,check_out) or"
              + " AISPINE_RESERVATIONS_URL to the property-management system's endpoint");
    }
    List<Reservation> found;
    String by;
    try {
      found = List.of();
      by = "none";
      if (reference != null) {
        found = bookings.find(new ReservationSource.Query(null, reference, null));
        by = "reference";
      }
      if (found.isEmpty() && phone != null) {
        found = bookings.find(new ReservationSource.Query(phone, null, null));
        by = "phone";
      }
      if (found.isEmpty() && name != null) {
        found = bookings.find(new ReservationSource.Query(null, null, name));
        by = "name";
      }
    } catch (IOException e) {
      throw new AgentException.Retryable(
          "RESERVATIONS_UNAVAILABLE", "reservations: " + e.getMessage(), e);
    }
    var out = new LinkedHashMap<String, Object>();
    out.put("found", !found.isEmpty());
    out.put("matched_by", found.isEmpty() ? "none" : by);
    out.put("count", found.size());
    if (found.size() == 1) {
      out.put("reservation", found.getFirst().toOutput());
    }
    out.put("candidates", found.stream().limit(10).map(Reservation::toOutput).toList());
    return AgentResult.success(out);
  }
}
