package io.aispine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aispine.agents.channel.whatsapp.WhatsAppConfig;
import io.aispine.kyc.reservations.Reservation;
import io.aispine.kyc.synth.GuestKind;
import io.aispine.kyc.synth.SyntheticGuest;
import io.aispine.kyc.synth.SyntheticGuests;
import io.aispine.server.AispineServer;
import io.aispine.server.ServerConfig;
import io.aispine.standin.whatsapp.GraphApiStandIn;
import io.aispine.standin.whatsapp.SentMessage;
import io.aispine.store.ApiKey;
import io.aispine.store.jdbc.JdbcStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The KYC showcase end to end: the stand-in Graph API plays the guest's phone and Meta, sending a
 * signed webhook with a generated passport photo to a real server, which runs
 * examples/kyc/kyc_onboarding.yaml (whatsapp → ocr ∥ reservations → kyc-match → whatsapp) against a
 * reservations CSV, and answers the guest through the stand-in.
 */
class KycWhatsAppTest {

  private static final String PHONE_NUMBER_ID = "106540352242922";
  private static final String TOKEN = "EAAJB-kyc-test-access-token";
  private static final String APP_SECRET = "app-secret-of-the-hotel-app";
  private static final String RESERVATIONS_CSV = "aispine.reservations.csv";

  /**
   * An admin key planted in the store: the key a fresh server creates owns, and may not approve.
   */
  private static final String ADMIN = "ask_kyc_e2e_admin_key_00000000000000000000000";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @TempDir Path dataDir;

  private GraphApiStandIn graph;
  private AispineServer server;
  private String previousCsv;

  @BeforeEach
  void start() throws Exception {
    try (var store = JdbcStore.openDataDir(dataDir)) {
      store
          .apiKeys()
          .create(
              new ApiKey(
                  "key_kyc_admin",
                  "key_kyc_admin",
                  "admin",
                  HexFormat.of()
                      .formatHex(
                          MessageDigest.getInstance("SHA-256")
                              .digest(ADMIN.getBytes(StandardCharsets.UTF_8))),
                  Instant.parse("2026-12-07T00:00:00Z"),
                  null));
    }
    graph = GraphApiStandIn.start(PHONE_NUMBER_ID, TOKEN, APP_SECRET);
    server =
        AispineServer.start(
            new ServerConfig("127.0.0.1", 0, dataDir, null)
                .withWhatsApp(
                    new WhatsAppConfig(
                        graph.baseUrl(),
                        null,
                        PHONE_NUMBER_ID,
                        TOKEN,
                        APP_SECRET,
                        "verify-me",
                        "kyc_onboarding",
                        dataDir.resolve("media"))));
    graph.webhook(URI.create("http://127.0.0.1:" + server.port() + "/webhooks/whatsapp"));
    previousCsv = System.getProperty(RESERVATIONS_CSV);
  }

  @AfterEach
  void stop() {
    if (previousCsv == null) {
      System.clearProperty(RESERVATIONS_CSV);
    } else {
      System.setProperty(RESERVATIONS_CSV, previousCsv);
    }
    if (server != null) {
      server.close();
    }
    graph.close();
  }

  @Test
  void a_guest_with_a_booking_sends_a_passport_photo_and_is_told_their_identity_is_confirmed()
      throws Exception {
    // download_media inlines up to 512 KiB for ocr (docs/kyc.md): a photo of the size WhatsApp
    // delivers; the generator's noisy PNGs can be larger, so the first guest that fits
    var guests = new SyntheticGuests(13);
    SyntheticGuest guest =
        IntStream.range(0, 20)
            .mapToObj(i -> guests.guest(i, GuestKind.VALID))
            .filter(g -> g.image().length <= 512 * 1024)
            .findFirst()
            .orElseThrow();
    Reservation booking = guest.reservation();
    System.setProperty(RESERVATIONS_CSV, reservations(booking).toString());
    deployApproved(Files.readString(Path.of("../examples/kyc/kyc_onboarding.yaml")));
    String waId = booking.phone().replaceAll("[^0-9]", "");

    GraphApiStandIn.Delivered delivered =
        graph.sendImage(waId, booking.guestName(), guest.image(), guest.mimeType(), null);

    assertThat(delivered.status()).as(delivered.body()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(60)).until(() -> !graph.sentTo(waId).isEmpty());
    List<SentMessage> sent = graph.sentTo(waId);
    assertThat(sent).hasSize(1);
    assertThat(sent.getFirst().text())
        .contains("your identity is confirmed for booking " + booking.reference());
    assertThat(graph.read()).contains(delivered.messageId());
  }

  @Test
  void a_delivery_with_a_forged_signature_is_refused_and_nobody_is_answered() throws Exception {
    deployApproved(Files.readString(Path.of("../examples/kyc/kyc_onboarding.yaml")));
    String waId = "34600123123";
    byte[] body =
        ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{"
                + "\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\","
                + "\"metadata\":{\"display_phone_number\":\"15550000000\",\"phone_number_id\":\""
                + PHONE_NUMBER_ID
                + "\"},\"messages\":[{\"from\":\""
                + waId
                + "\",\"id\":\"wamid.kyc.forged\",\"timestamp\":\"1733600000\",\"type\":\"image\","
                + "\"image\":{\"id\":\"media-1\",\"mime_type\":\"image/jpeg\"}}]}}]}]}")
            .getBytes(StandardCharsets.UTF_8);

    var forged = graph.postRaw(body, graph.sign("another body".getBytes(StandardCharsets.UTF_8)));

    assertThat(forged.status()).isEqualTo(401);
    assertThat(forged.body()).contains("X-Hub-Signature-256");
    HttpResponse<String> executions = get("/api/v1/executions?flow=kyc_onboarding");
    assertThat(executions.statusCode()).isEqualTo(200);
    assertThat(new ObjectMapper().readTree(executions.body()).path("items")).isEmpty();
    assertThat(graph.sentTo(waId)).isEmpty();
  }

  /** The hotel's bookings as a CSV export holding the guest's booking. */
  private Path reservations(Reservation r) throws Exception {
    Path csv = dataDir.resolve("reservations.csv");
    Files.writeString(
        csv,
        "reference,guest_name,phone,birth_date,nationality,check_in,check_out\n"
            + String.join(
                ",",
                r.reference(),
                "\"" + r.guestName().replace("\"", "\"\"") + "\"",
                r.phone(),
                r.birthDate().toString(),
                r.nationality() == null ? "" : r.nationality(),
                r.checkIn().toString(),
                r.checkOut().toString())
            + "\n");
    return csv;
  }

  /** Deploys and approves in one step, as the gate lets the admin key do. */
  private void deployApproved(String yaml) throws Exception {
    HttpResponse<String> answer =
        HTTP.send(
            request("/api/v1/flows?approve=true")
                .header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(yaml))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .header("Authorization", "Bearer " + ADMIN);
  }
}
