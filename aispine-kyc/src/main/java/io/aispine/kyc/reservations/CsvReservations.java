package io.aispine.kyc.reservations;

import io.aispine.kyc.names.NameComparison;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Bookings from a CSV table the hotel exports (header {@code
 * reference,guest_name,phone,birth_date,nationality,check_in,check_out}); the file is read again
 * when it changes, so a new export needs no restart.
 */
public final class CsvReservations implements ReservationSource {

  private final Path file;
  private List<Reservation> rows = List.of();
  private FileTime loaded;

  /** The table in {@code file}. */
  public CsvReservations(Path file) {
    this.file = file;
  }

  @Override
  public List<Reservation> find(Query query) throws IOException {
    List<Reservation> all = rows();
    if (query.reference() != null) {
      return all.stream()
          .filter(r -> r.reference().equalsIgnoreCase(query.reference().trim()))
          .toList();
    }
    if (query.phone() != null) {
      return all.stream().filter(r -> Phones.same(r.phone(), query.phone())).toList();
    }
    // By name: every booking holding (nearly) all the words asked for, best first.
    return all.stream()
        .map(r -> Map.entry(r, NameComparison.compare(query.name(), "", r.guestName()).score()))
        .filter(e -> e.getValue() >= 0.75)
        .sorted(Map.Entry.<Reservation, Double>comparingByValue(Comparator.reverseOrder()))
        .map(Map.Entry::getKey)
        .toList();
  }

  private synchronized List<Reservation> rows() throws IOException {
    FileTime modified = Files.getLastModifiedTime(file);
    if (!modified.equals(loaded)) {
      rows = parse(Files.readAllLines(file, StandardCharsets.UTF_8));
      loaded = modified;
    }
    return rows;
  }

  /** Parses the table; quoted fields may hold commas ({@code "García López, José"}). */
  static List<Reservation> parse(List<String> lines) throws IOException {
    if (lines.isEmpty()) {
      return List.of();
    }
    List<String> header =
        fields(lines.getFirst()).stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
    Map<String, Integer> column = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      column.put(header.get(i), i);
    }
    for (String required : List.of("reference", "guest_name")) {
      if (!column.containsKey(required)) {
        throw new IOException(
            "reservations CSV: the header has no '" + required + "' column (have " + header + ")");
      }
    }
    List<Reservation> out = new ArrayList<>();
    for (int n = 1; n < lines.size(); n++) {
      if (lines.get(n).isBlank()) {
        continue;
      }
      List<String> f = fields(lines.get(n));
      try {
        out.add(
            new Reservation(
                cell(f, column, "reference"),
                cell(f, column, "guest_name"),
                cell(f, column, "phone"),
                date(cell(f, column, "birth_date")),
                cell(f, column, "nationality"),
                date(cell(f, column, "check_in")),
                date(cell(f, column, "check_out"))));
      } catch (RuntimeException e) {
        throw new IOException("reservations CSV line " + (n + 1) + ": " + e.getMessage(), e);
      }
    }
    return List.copyOf(out);
  }

  private static String cell(List<String> fields, Map<String, Integer> column, String name) {
    Integer i = column.get(name);
    if (i == null || i >= fields.size()) {
      return null;
    }
    String value = fields.get(i).strip();
    return value.isEmpty() ? null : value;
  }

  private static LocalDate date(String text) {
    return text == null ? null : LocalDate.parse(text);
  }

  private static List<String> fields(String line) {
    List<String> out = new ArrayList<>();
    var cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    out.add(cell.toString());
    return out;
  }
}
