package io.aispine.server.internal.channels;

import io.aispine.agents.channel.Channel;
import io.aispine.agents.channel.Delivery;
import io.aispine.agents.channel.InboundMessage;
import io.aispine.agents.channel.InvalidDeliveryException;
import io.aispine.api.Problem;
import io.aispine.server.internal.http.Json;
import io.aispine.server.internal.http.ProblemException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /webhooks/whatsapp}: the Cloud API's webhook. {@code GET} answers Meta's verification
 * handshake; {@code POST} takes deliveries, refusing (401) any whose {@code X-Hub-Signature-256} is
 * not the app secret's HMAC of the raw body before anything of it is read or recorded. Not under
 * {@code /api/v1}: Meta authenticates by signature, not with an API key.
 */
public final class WhatsAppWebhookRoutes {

  private static final Logger log = LoggerFactory.getLogger(WhatsAppWebhookRoutes.class);

  /** The webhook's path. */
  public static final String PATH = "/webhooks/whatsapp";

  private final Channel channel;
  private final String verifyToken;
  private final ConversationInbox inbox;
  private final BooleanSupplier closing;

  /**
   * @param channel the configured channel, or null when WhatsApp is not configured (every request
   *     then gets a 404 that says how to configure it)
   */
  public WhatsAppWebhookRoutes(
      Channel channel, String verifyToken, ConversationInbox inbox, BooleanSupplier closing) {
    this.channel = channel;
    this.verifyToken = verifyToken;
    this.inbox = inbox;
    this.closing = closing;
  }

  public void register(RoutesConfig routes) {
    routes.get(PATH, this::verify);
    routes.post(PATH, this::deliver);
  }

  /** Meta's subscription check: echo {@code hub.challenge} when the verify token matches. */
  private void verify(Context ctx) {
    requireConfigured();
    String mode = ctx.queryParam("hub.mode");
    String token = ctx.queryParam("hub.verify_token");
    String challenge = ctx.queryParam("hub.challenge");
    if (!"subscribe".equals(mode) || challenge == null) {
      throw new ProblemException(
          Problem.badRequest(
              "a webhook verification needs hub.mode=subscribe, hub.verify_token and"
                  + " hub.challenge"));
    }
    if (verifyToken == null || token == null || !constantTimeEquals(token, verifyToken)) {
      throw new ProblemException(
          Problem.forbidden(
              "hub.verify_token does not match AISPINE_WHATSAPP_VERIFY_TOKEN; enter the same"
                  + " token in the Meta app's webhook settings"));
    }
    ctx.status(200).contentType("text/plain").result(challenge);
  }

  private void deliver(Context ctx) {
    requireConfigured();
    if (closing.getAsBoolean()) {
      // Meta retries a failed delivery: nothing is lost by refusing it while shutting down
      throw new ProblemException(Problem.unavailable("the server is shutting down"));
    }
    Map<String, String> headers = new HashMap<>();
    ctx.headerMap().forEach(headers::put);
    List<InboundMessage> messages;
    try {
      messages = channel.receive(new Delivery(ctx.bodyAsBytes(), headers));
    } catch (InvalidDeliveryException e) {
      if (e.reason() == InvalidDeliveryException.Reason.UNAUTHENTIC) {
        log.warn(
            "refused a {} webhook delivery from {}: {}", channel.name(), ctx.ip(), e.getMessage());
        throw new ProblemException(Problem.unauthorized(e.getMessage()));
      }
      throw new ProblemException(Problem.badRequest(e.getMessage()));
    }
    ConversationInbox.Accepted accepted = inbox.accept(messages);
    Json.write(
        ctx, 200, Map.of("received", accepted.received(), "duplicates", accepted.duplicates()));
  }

  private void requireConfigured() {
    if (channel == null) {
      throw new ProblemException(
          Problem.notFound(
              "WhatsApp is not configured on this server: set AISPINE_WHATSAPP_PHONE_NUMBER_ID,"
                  + " AISPINE_WHATSAPP_ACCESS_TOKEN, AISPINE_WHATSAPP_APP_SECRET and"
                  + " AISPINE_WHATSAPP_VERIFY_TOKEN (see docs/kyc.md)"));
    }
  }

  private static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
