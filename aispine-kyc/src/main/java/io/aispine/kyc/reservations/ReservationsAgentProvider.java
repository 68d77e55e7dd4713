package io.aispine.kyc.reservations;

import io.aispine.agent.Agent;
import io.aispine.agent.AgentProvider;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Provides the {@code reservations} agent. Its bookings come from {@code AISPINE_RESERVATIONS_URL}
 * (a property-management system's endpoint) or else {@code AISPINE_RESERVATIONS_CSV} (a table
 * exported to CSV); system properties of the same names in lower case with dots ({@code
 * aispine.reservations.csv}) take precedence.
 */
public final class ReservationsAgentProvider implements AgentProvider {

  @Override
  public String name() {
    return "reservations";
  }

  @Override
  public String version() {
    return "1.0.0";
  }

  @Override
  public String description() {
    return "Finds a hotel booking by reference, phone number or guest name (CSV table or PMS endpoint).";
  }

  @Override
  public Agent create() {
    return call -> new ReservationsAgent(ReservationsAgentProvider::source).execute(call);
  }

  /** The configured source, or null when none is (or the CSV cannot be read). */
  private static ReservationSource source() {
    String url = setting("aispine.reservations.url", "AISPINE_RESERVATIONS_URL");
    if (url != null) {
      return new PmsReservations(URI.create(url));
    }
    String csv = setting("aispine.reservations.csv", "AISPINE_RESERVATIONS_CSV");
    if (csv != null && Files.isReadable(Path.of(csv))) {
      return CACHE.forFile(Path.of(csv));
    }
    return null;
  }

  private static String setting(String property, String env) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      value = System.getenv(env);
    }
    return value == null || value.isBlank() ? null : value;
  }

  private static final SourceCache CACHE = new SourceCache();

  /** One table object per file, so that its rows are parsed once per change, not per call. */
  private static final class SourceCache {
    private Path file;
    private CsvReservations table;

    synchronized CsvReservations forFile(Path path) {
      if (!path.equals(file)) {
        file = path;
        table = new CsvReservations(path);
      }
      return table;
    }
  }
}
