package io.aispine.standin.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A stand-in for Meta's Graph API as the WhatsApp Cloud API uses it, on loopback: {@code POST
 * /{version}/{phone-number-id}/messages} (text, template, interactive, read receipts), {@code GET
 * /{version}/{media-id}} and the media bytes behind the URL it returns, each checking the bearer
 * token; and, playing the guests' phones, webhook deliveries signed with {@code
 * X-Hub-Signature-256} like Meta's. It records what the business sent.
 *
 * <p>Independent of AI Spine's own WhatsApp client on purpose: it is written from the protocol, so
 * a misunderstanding in the client fails against it.
 */
public final class GraphApiStandIn implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String phoneNumberId;
  private final String accessToken;
  private final String appSecret;
  private final Javalin app;
  private final HttpClient http = HttpClient.newHttpClient();
  private final Map<String, Media> media = new ConcurrentHashMap<>();
  private final List<SentMessage> sent = new CopyOnWriteArrayList<>();
  private final List<String> read = new CopyOnWriteArrayList<>();
  private final Map<String, byte[]> deliveries = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private volatile URI webhook;
  private volatile CountDownLatch held;
  private final AtomicInteger holding = new AtomicInteger();

  private record Media(String id, String mimeType, byte[] bytes) {}

  /** What a webhook delivery got back from the receiving server. */
  public record Delivered(String messageId, int status, String body) {}

  private GraphApiStandIn(String phoneNumberId, String accessToken, String appSecret) {
    this.phoneNumberId = Objects.requireNonNull(phoneNumberId, "phoneNumberId");
    this.accessToken = Objects.requireNonNull(accessToken, "accessToken");
    this.appSecret = Objects.requireNonNull(appSecret, "appSecret");
    this.app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.concurrency.useVirtualThreads = true;
              config.jetty.host = "127.0.0.1";
              config.jetty.port = 0;
              config.routes.get("/files/media/{id}/content", this::mediaBytes);
              config.routes.post("/{version}/{phone}/messages", this::messages);
              config.routes.get("/{version}/{id}", this::mediaUrl);
            });
  }

  /** Starts a stand-in on a free loopback port for this number, token and app secret. */
  public static GraphApiStandIn start(String phoneNumberId, String accessToken, String appSecret) {
    var standIn = new GraphApiStandIn(phoneNumberId, accessToken, appSecret);
    standIn.app.start();
    return standIn;
  }

  /** The base URL to configure as the Graph API ({@code http://127.0.0.1:port}). */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + app.port());
  }

  /** Where webhook deliveries go (the server's {@code /webhooks/whatsapp}). */
  public GraphApiStandIn webhook(URI webhook) {
    this.webhook = webhook;
    return this;
  }

  /** Stores media a guest sends and returns its media id. */
  public String addMedia(byte[] bytes, String mimeType) {
    String id = Long.toString(1_000_000_000_000L + ids.incrementAndGet());
    media.put(id, new Media(id, mimeType, bytes.clone()));
    return id;
  }

  /** Delivers a text message from {@code from}, signed. */
  public Delivered sendText(String from, String name, String text) throws InterruptedException {
    ObjectNode message = message(from, "text");
    message.putObject("text").put("body", text);
    return deliver(from, name, message);
  }

  /** Delivers a photo (or document) from {@code from}: the bytes are served as media. */
  public Delivered sendImage(
      String from, String name, byte[] bytes, String mimeType, String caption)
      throws InterruptedException {
    String type = mimeType.startsWith("image/") ? "image" : "document";
    ObjectNode message = message(from, type);
    String mediaId = addMedia(bytes, mimeType);
    ObjectNode body = message.putObject(type);
    if (caption != null) {
      body.put("caption", caption);
    }
    body.put("mime_type", mimeType);
    body.put("sha256", Base64.getEncoder().encodeToString(sha256(bytes)));
    body.put("id", mediaId);
    return deliver(from, name, message);
  }

  /** Delivers a tap on a reply button of an interactive message. */
  public Delivered tapButton(String from, String name, String buttonId, String title)
      throws InterruptedException {
    ObjectNode message = message(from, "interactive");
    ObjectNode interactive = message.putObject("interactive");
    interactive.put("type", "button_reply");
    interactive.putObject("button_reply").put("id", buttonId).put("title", title);
    return deliver(from, name, message);
  }

  /** Delivers the same bytes again, as Meta does when an answer was slow or lost. */
  public Delivered redeliver(String messageId) throws InterruptedException {
    byte[] body = deliveries.get(messageId);
    if (body == null) {
      throw new IllegalArgumentException("no delivery of message " + messageId + " to repeat");
    }
    return post(messageId, body, sign(body));
  }

  /** Posts {@code body} with the given signature header (or none when null): forged deliveries. */
  public Delivered postRaw(byte[] body, String signature) throws InterruptedException {
    return post(null, body, signature);
  }

  /** The signature Meta would send for {@code body}. */
  public String sign(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Holds every message send that arrives from now on, unprocessed, until {@link #dropHeldSends()}:
   * the moment around a crash of the sender, so that no send is half done (taken here but not yet
   * recorded as done by the sender). Read receipts pass.
   */
  public void holdSends() {
    held = new CountDownLatch(1);
  }

  /**
   * Answers the held sends {@code 503} without recording them, as for a sender that died before
   * they were taken, lets sends through again, and returns how many were held.
   */
  public int dropHeldSends() {
    CountDownLatch gate = held;
    held = null;
    int count = holding.get();
    if (gate != null) {
      gate.countDown();
    }
    return count;
  }

  /** Everything the business sent, in order. */
  public List<SentMessage> sent() {
    return List.copyOf(sent);
  }

  /** What the business sent to {@code to}, in order. */
  public List<SentMessage> sentTo(String to) {
    return sent.stream().filter(m -> m.to().equals(to)).toList();
  }

  /** The message ids the business marked read. */
  public List<String> read() {
    return List.copyOf(read);
  }

  @Override
  public void close() {
    app.stop();
    http.close();
  }

  private ObjectNode message(String from, String type) {
    ObjectNode message = JSON.createObjectNode();
    message.put("from", from);
    message.put(
        "id", "wamid.in." + Long.toHexString(System.nanoTime()) + "." + ids.incrementAndGet());
    message.put("timestamp", Long.toString(Instant.now().getEpochSecond()));
    message.put("type", type);
    return message;
  }

  private Delivered deliver(String from, String name, ObjectNode message)
      throws InterruptedException {
    ObjectNode root = JSON.createObjectNode();
    root.put("object", "whatsapp_business_account");
    ObjectNode entry = root.putArray("entry").addObject();
    entry.put("id", "102290129340398");
    ObjectNode change = entry.putArray("changes").addObject();
    change.put("field", "messages");
    ObjectNode value = change.putObject("value");
    value.put("messaging_product", "whatsapp");
    value
        .putObject("metadata")
        .put("display_phone_number", "15550000000")
        .put("phone_number_id", phoneNumberId);
    ObjectNode contact = value.putArray("contacts").addObject();
    contact.putObject("profile").put("name", name == null ? from : name);
    contact.put("wa_id", from);
    value.putArray("messages").add(message);
    byte[] body = root.toString().getBytes(StandardCharsets.UTF_8);
    String id = message.get("id").asText();
    deliveries.put(id, body);
    return post(id, body, sign(body));
  }

  private Delivered post(String messageId, byte[] body, String signature)
      throws InterruptedException {
    URI target = webhook;
    if (target == null) {
      throw new IllegalStateException("no webhook URL: call webhook(URI) first");
    }
    var request =
        HttpRequest.newBuilder(target)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (signature != null) {
      request.header("X-Hub-Signature-256", signature);
    }
    try {
      HttpResponse<String> answer =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Delivered(messageId, answer.statusCode(), answer.body());
    } catch (IOException e) {
      throw new IllegalStateException("webhook " + target + " unreachable: " + e.getMessage(), e);
    }
  }

  private boolean authorized(Context ctx) {
    String header = ctx.header("Authorization");
    if (header != null && header.equals("Bearer " + accessToken)) {
      return true;
    }
    error(
        ctx, 401, 190, "OAuthException", "Invalid OAuth access token - Cannot parse access token");
    return false;
  }

  private void messages(Context ctx) throws IOException {
    if (!authorized(ctx)) {
      return;
    }
    if (!ctx.pathParam("phone").equals(phoneNumberId)) {
      error(
          ctx,
          400,
          100,
          "GraphMethodException",
          "Unsupported post request. Object with ID '"
              + ctx.pathParam("phone")
              + "' does not exist");
      return;
    }
    JsonNode body;
    try {
      body = JSON.readTree(ctx.bodyAsBytes());
    } catch (IOException e) {
      error(ctx, 400, 100, "OAuthException", "(#100) Invalid JSON");
      return;
    }
    if (!"whatsapp".equals(body.path("messaging_product").asText())) {
      error(ctx, 400, 100, "OAuthException", "(#100) The parameter messaging_product is required.");
      return;
    }
    if ("read".equals(body.path("status").asText())) {
      read.add(body.path("message_id").asText());
      ctx.json(Map.of("success", true));
      return;
    }
    CountDownLatch gate = held;
    if (gate != null) {
      holding.incrementAndGet();
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        holding.decrementAndGet();
      }
      error(ctx, 503, 2, "OAuthException", "Service temporarily unavailable");
      return;
    }
    String to = body.path("to").asText("");
    String type = body.path("type").asText("text");
    String text =
        switch (type) {
          case "text" -> body.path("text").path("body").asText(null);
          case "template" -> body.path("template").path("name").asText(null);
          case "interactive" -> body.path("interactive").path("body").path("text").asText(null);
          default -> null;
        };
    if (to.isEmpty() || text == null) {
      error(
          ctx,
          400,
          100,
          "OAuthException",
          "(#100) Invalid parameter: a " + type + " message needs 'to' and its content");
      return;
    }
    String id = "wamid.out." + ids.incrementAndGet();
    sent.add(new SentMessage(id, to, type, text, body));
    ObjectNode answer = JSON.createObjectNode();
    answer.put("messaging_product", "whatsapp");
    answer.putArray("contacts").addObject().put("input", to).put("wa_id", to);
    answer.putArray("messages").addObject().put("id", id);
    ctx.contentType("application/json").result(answer.toString());
  }

  private void mediaUrl(Context ctx) {
    if (!authorized(ctx)) {
      return;
    }
    Media found = media.get(ctx.pathParam("id"));
    if (found == null) {
      error(
          ctx,
          400,
          100,
          "GraphMethodException",
          "Unsupported get request. Object with ID '" + ctx.pathParam("id") + "' does not exist");
      return;
    }
    ObjectNode answer = JSON.createObjectNode();
    answer.put("messaging_product", "whatsapp");
    answer.put("url", baseUrl() + "/files/media/" + found.id() + "/content");
    answer.put("mime_type", found.mimeType());
    answer.put("sha256", HexFormat.of().formatHex(sha256(found.bytes())));
    answer.put("file_size", Integer.toString(found.bytes().length));
    answer.put("id", found.id());
    ctx.contentType("application/json").result(answer.toString());
  }

  private void mediaBytes(Context ctx) {
    if (!authorized(ctx)) {
      return;
    }
    Media found = media.get(ctx.pathParam("id"));
    if (found == null) {
      ctx.status(404);
      return;
    }
    ctx.contentType(found.mimeType()).result(found.bytes());
  }

  private static void error(Context ctx, int status, int code, String type, String message) {
    ObjectNode answer = JSON.createObjectNode();
    ObjectNode error = answer.putObject("error");
    error.put("message", message);
    error.put("type", type);
    error.put("code", code);
    error.put("fbtrace_id", "standin");
    ctx.status(status).contentType("application/json").result(answer.toString());
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
