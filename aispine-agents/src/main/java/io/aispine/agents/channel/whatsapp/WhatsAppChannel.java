package io.aispine.agents.channel.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aispine.agents.channel.Channel;
import io.aispine.agents.channel.ChannelException;
import io.aispine.agents.channel.Delivery;
import io.aispine.agents.channel.InboundMessage;
import io.aispine.agents.channel.InvalidDeliveryException;
import io.aispine.agents.channel.MediaFile;
import io.aispine.agents.channel.OutboundMessage;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The WhatsApp Cloud API: webhook deliveries checked with {@code X-Hub-Signature-256}, messages
 * sent with {@code POST /{phone-number-id}/messages}, media downloaded in two steps ({@code GET
 * /{media-id}} for a short-lived URL, then that URL with the bearer token).
 */
public final class WhatsAppChannel implements Channel {

  /** The channel's name. */
  public static final String NAME = "whatsapp";

  /** The largest media the Cloud API accepts, and so the most a download reads. */
  public static final long MAX_MEDIA_BYTES = 100L * 1024 * 1024;

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final WhatsAppConfig config;
  private final WhatsAppCredentials credentials;
  private final HttpClient http;

  /** A channel whose token and app secret are the configured values themselves. */
  public WhatsAppChannel(WhatsAppConfig config) {
    this(config, WhatsAppCredentials.plain(config));
  }

  /** A channel that reads its token and app secret from {@code credentials} at each use. */
  public WhatsAppChannel(WhatsAppConfig config, WhatsAppCredentials credentials) {
    this.config = config;
    this.credentials = credentials;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  /** The configuration (its secrets are not shown by its {@code toString}). */
  public WhatsAppConfig config() {
    return config;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<InboundMessage> receive(Delivery delivery) throws InvalidDeliveryException {
    byte[] body = delivery.body();
    String appSecret = credentials.appSecret().orElse(null);
    if (appSecret == null) {
      // Nothing can be authenticated: refused like a forgery, and Meta delivers it again later.
      throw new InvalidDeliveryException(
          InvalidDeliveryException.Reason.UNAUTHENTIC,
          "the app secret is not available, so no delivery can be checked: "
              + credentials.missing(WhatsAppConfig.APP_SECRET_ENV, config.appSecret()));
    }
    if (!WebhookSignature.verify(body, delivery.header(WebhookSignature.HEADER), appSecret)) {
      throw new InvalidDeliveryException(
          InvalidDeliveryException.Reason.UNAUTHENTIC,
          delivery.header(WebhookSignature.HEADER) == null
              ? "missing " + WebhookSignature.HEADER + " header: deliveries must be signed by Meta"
              : WebhookSignature.HEADER
                  + " does not match the body: it was not signed with this app's secret"
                  + " (check AISPINE_WHATSAPP_APP_SECRET)");
    }
    try {
      return CloudApiJson.messages(body);
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidDeliveryException(
          InvalidDeliveryException.Reason.MALFORMED,
          "unreadable WhatsApp delivery: " + e.getMessage());
    }
  }

  @Override
  public String send(String to, OutboundMessage message)
      throws ChannelException, InterruptedException {
    JsonNode answer = postMessages(CloudApiJson.send(to, message), "sending a message to " + to);
    String id = answer.path("messages").path(0).path("id").asText(null);
    if (id == null) {
      throw new ChannelException(
          "WHATSAPP_BAD_RESPONSE", "the Cloud API answered without a message id", true, null);
    }
    return id;
  }

  @Override
  public void markRead(String messageId) throws ChannelException, InterruptedException {
    postMessages(CloudApiJson.read(messageId), "marking " + messageId + " read");
  }

  @Override
  public MediaFile media(String mediaId) throws ChannelException, InterruptedException {
    String what = "downloading media " + mediaId;
    HttpResponse<byte[]> meta =
        exchange(
            authorized(
                    config.graph(
                        URLEncoder.encode(mediaId, StandardCharsets.UTF_8)
                            + "?phone_number_id="
                            + URLEncoder.encode(config.phoneNumberId(), StandardCharsets.UTF_8)))
                .GET()
                .build(),
            what);
    JsonNode described = json(meta, what);
    String url = described.path("url").asText(null);
    if (url == null) {
      throw new ChannelException(
          "WHATSAPP_BAD_RESPONSE", what + ": the Cloud API gave no media URL", true, null);
    }
    long declared = described.path("file_size").asLong(0);
    if (declared > MAX_MEDIA_BYTES) {
      throw new ChannelException(
          "WHATSAPP_MEDIA_TOO_LARGE",
          what + ": " + declared + " bytes is more than the " + MAX_MEDIA_BYTES + " allowed",
          false,
          null);
    }
    // The URL is only valid with the same bearer token, for about five minutes.
    HttpResponse<byte[]> bytes = exchange(authorized(URI.create(url)).GET().build(), what);
    check(bytes, what);
    String mime =
        described.path("mime_type").asText(bytes.headers().firstValue("content-type").orElse(null));
    return new MediaFile(mediaId, mime, bytes.body());
  }

  private JsonNode postMessages(ObjectNode body, String what)
      throws ChannelException, InterruptedException {
    HttpRequest request =
        authorized(config.graph(config.phoneNumberId() + "/messages"))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofByteArray(
                    body.toString().getBytes(StandardCharsets.UTF_8)))
            .build();
    return json(exchange(request, what), what);
  }

  private HttpRequest.Builder authorized(URI uri) throws ChannelException {
    if (!config.configured()) {
      throw new ChannelException(
          "WHATSAPP_NOT_CONFIGURED",
          "WhatsApp is not configured: set AISPINE_WHATSAPP_PHONE_NUMBER_ID,"
              + " AISPINE_WHATSAPP_ACCESS_TOKEN and AISPINE_WHATSAPP_APP_SECRET",
          false,
          null);
    }
    String token =
        credentials
            .accessToken()
            .orElseThrow(
                () ->
                    new ChannelException(
                        "WHATSAPP_TOKEN_UNAVAILABLE",
                        "WhatsApp: "
                            + credentials.missing(
                                WhatsAppConfig.ACCESS_TOKEN_ENV, config.accessToken()),
                        false,
                        null));
    return HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Authorization", "Bearer " + token);
  }

  private HttpResponse<byte[]> exchange(HttpRequest request, String what)
      throws ChannelException, InterruptedException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new ChannelException(
          "WHATSAPP_UNREACHABLE",
          what + ": the Cloud API at " + config.baseUrl() + " could not be reached (" + e + ")",
          true,
          e);
    }
  }

  private static JsonNode json(HttpResponse<byte[]> response, String what) throws ChannelException {
    check(response, what);
    try {
      return CloudApiJson.JSON.readTree(response.body());
    } catch (IOException e) {
      throw new ChannelException(
          "WHATSAPP_BAD_RESPONSE", what + ": the Cloud API answered with no JSON", true, e);
    }
  }

  /** Refuses an error answer: 429 and 5xx may pass, other 4xx will not (bad id, token, number). */
  private static void check(HttpResponse<byte[]> response, String what) throws ChannelException {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return;
    }
    String detail = "";
    try {
      JsonNode error = CloudApiJson.JSON.readTree(response.body()).path("error");
      detail = error.path("message").asText("");
    } catch (IOException | RuntimeException e) {
      // not JSON: the status says enough
    }
    throw new ChannelException(
        "WHATSAPP_HTTP_" + status,
        what + ": the Cloud API answered " + status + (detail.isEmpty() ? "" : " (" + detail + ")"),
        status == 429 || status >= 500,
        null);
  }
}
