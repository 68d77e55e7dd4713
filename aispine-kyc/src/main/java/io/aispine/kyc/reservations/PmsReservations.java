package io.aispine.kyc.reservations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Bookings from a property-management system's HTTP endpoint: {@code GET
 * <url>?phone=…&reference=…&name=…} answering a JSON array of objects with the CSV table's columns
 * as keys.
 */
public final class PmsReservations implements ReservationSource {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI endpoint;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** The endpoint at {@code endpoint}. */
  public PmsReservations(URI endpoint) {
    this.endpoint = endpoint;
  }

  @Override
  public List<Reservation> find(Query query) throws IOException, InterruptedException {
    var params = new StringBuilder();
    append(params, "phone", query.phone());
    append(params, "reference", query.reference());
    append(params, "name", query.name());
    String base = endpoint.toString();
    URI uri = URI.create(base + (base.contains("?") ? "&" : "?") + params);
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() == 404) {
      return List.of();
    }
    if (response.statusCode() != 200) {
      throw new IOException(
          "reservations endpoint " + endpoint + " answered " + response.statusCode());
    }
    JsonNode body = JSON.readTree(response.body());
    List<Reservation> out = new ArrayList<>();
    for (JsonNode row : body.isArray() ? body : JSON.createArrayNode().add(body)) {
      out.add(
          new Reservation(
              row.path("reference").asText(),
              row.path("guest_name").asText(),
              text(row, "phone"),
              date(text(row, "birth_date")),
              text(row, "nationality"),
              date(text(row, "check_in")),
              date(text(row, "check_out"))));
    }
    return out;
  }

  private static void append(StringBuilder params, String name, String value) {
    if (value == null) {
      return;
    }
    if (!params.isEmpty()) {
      params.append('&');
    }
    params.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
  }

  private static String text(JsonNode row, String field) {
    JsonNode value = row.get(field);
    return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
  }

  private static LocalDate date(String text) {
    return text == null ? null : LocalDate.parse(text);
  }
}
