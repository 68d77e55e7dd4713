package io.aispine.kyc.match;

import io.aispine.agent.Agent;
import io.aispine.agent.AgentCall;
import io.aispine.agent.AgentException;
import io.aispine.agent.AgentResult;
import io.aispine.kyc.Inputs;
import java.util.Map;

/**
 * Compares a document read by the {@code ocr} agent ({@code document}: its output, or just its
 * {@code fields}) with a booking ({@code reservation}: the {@code reservations} agent's {@code
 * reservation}); {@code check_in} overrides the booking's arrival date.
 */
final class KycMatchAgent implements Agent {

  private final KycMatcher matcher = new KycMatcher();

  @Override
  public AgentResult execute(AgentCall call) throws AgentException {
    var in = new Inputs("kyc-match", call.inputMap());
    Map<String, Object> document = in.object("document");
    Map<String, Object> reservation = in.object("reservation");
    if (document.isEmpty()) {
      throw in.invalid("document", "is required: the ocr agent's output (or its 'fields')");
    }
    if (reservation.isEmpty()) {
      throw in.invalid("reservation", "is required: the reservations agent's 'reservation'");
    }
    boolean wholeOutput = document.get("fields") instanceof Map<?, ?>;
    var fields =
        new Inputs(
            "kyc-match",
            wholeOutput ? new Inputs("kyc-match", document).object("fields") : document);
    boolean verified = !wholeOutput || "mrz".equals(document.get("source"));
    var booked = new Inputs("kyc-match", reservation);
    Identity identity =
        new Identity(
            nonNull(fields.string("surname")),
            nonNull(fields.string("given_names")),
            fields.date("birth_date"),
            fields.date("expiry_date"),
            fields.string("nationality"),
            verified);
    var checkIn = in.date("check_in");
    Booking booking =
        new Booking(
            booked.string("guest_name"),
            booked.date("birth_date"),
            booked.string("nationality"),
            checkIn != null ? checkIn : booked.date("check_in"));
    return AgentResult.success(matcher.match(identity, booking).toOutput());
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }
}
