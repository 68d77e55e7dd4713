package io.aispine.kyc.reservations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aispine.agent.AgentCall;
import io.aispine.agent.AgentException;
import io.aispine.agent.AgentResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SuppressWarnings("unchecked")
class ReservationsAgentTest {

  @TempDir Path dir;

  private Map<String, Object> lookup(Path csv, Map<String, Object> input) throws Exception {
    var agent = new ReservationsAgent(() -> new CsvReservations(csv));
    var result =
        agent.execute(new AgentCall("e", "booking", 1, "e/booking/1", null, input, Map.of(), null));
    @SuppressWarnings("unchecked")
    var out = (Map<String, Object>) ((AgentResult.Success) result).output();
    return out;
  }

  private Path table() throws Exception {
    Path csv = dir.resolve("reservations.csv");
    Files.writeString(
        csv,
        """
        reference,guest_name,phone,birth_date,nationality,check_in,check_out
        BK-1042,"García López, José María",+34 612 345 678,1985-03-02,ESP,2026-12-03,2026-12-06
        BK-1043,Jürgen Müller,+49 151 2345 6789,,DEU,2026-12-04,
        """);
    return csv;
  }

  @Test
  void finds_a_booking_by_phone_however_the_number_is_written() throws Exception {
    var out = lookup(table(), Map.of("phone", "34612345678"));

    assertThat(out).containsEntry("found", true).containsEntry("matched_by", "phone");
    assertThat((Map<String, Object>) out.get("reservation"))
        .containsEntry("reference", "BK-1042")
        .containsEntry("birth_date", "1985-03-02")
        .containsEntry("check_in", "2026-12-03");
  }

  @Test
  void finds_a_booking_by_reference_or_by_name_without_accents() throws Exception {
    Path csv = table();

    assertThat((Map<String, Object>) lookup(csv, Map.of("reference", "bk-1043")).get("reservation"))
        .containsEntry("guest_name", "Jürgen Müller")
        .doesNotContainKey("birth_date");
    assertThat(
            (Map<String, Object>) lookup(csv, Map.of("name", "MUELLER JUERGEN")).get("reservation"))
        .containsEntry("reference", "BK-1043");
    assertThat((Map<String, Object>) lookup(csv, Map.of("name", "jose garcia")).get("reservation"))
        .containsEntry("reference", "BK-1042");
  }

  @Test
  void an_unknown_guest_is_not_found_and_the_reference_falls_back_to_the_phone() throws Exception {
    Path csv = table();

    assertThat(lookup(csv, Map.of("phone", "+1 555 0100"))).containsEntry("found", false);
    assertThat(lookup(csv, Map.of("reference", "BK-9", "phone", "+49 1512 345 6789")))
        .containsEntry("matched_by", "phone");
  }

  @Test
  void a_table_exported_again_is_read_again() throws Exception {
    Path csv = table();
    var source = new CsvReservations(csv);
    assertThat(source.find(new ReservationSource.Query(null, "BK-2000", null))).isEmpty();

    Files.writeString(
        csv, Files.readString(csv) + "BK-2000,Ada Lovelace,+44 20 7946 0000,,GBR,2026-12-10,\n");
    Files.setLastModifiedTime(
        csv, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));

    assertThat(source.find(new ReservationSource.Query(null, "BK-2000", null))).hasSize(1);
  }

  @Test
  void without_a_source_or_a_key_the_error_is_permanent_and_says_what_to_set() {
    var unconfigured = new ReservationsAgent(() -> null);
    AgentCall call =
        new AgentCall("e", "b", 1, "k", null, Map.of("phone", "+34 612"), Map.of(), null);
    AgentCall empty = new AgentCall("e", "b", 1, "k", null, Map.of(), Map.of(), null);

    assertThatThrownBy(() -> unconfigured.execute(call))
        .isInstanceOf(AgentException.Permanent.class)
        .hasMessageContaining("AISPINE_RESERVATIONS_CSV");
    assertThatThrownBy(() -> unconfigured.execute(empty))
        .isInstanceOf(AgentException.Permanent.class)
        .hasMessageContaining("'phone' or 'name' is required");
  }
}
