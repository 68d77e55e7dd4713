package io.aispine.server.internal.webhooks;

import io.aispine.agents.outbound.OutboundDeniedException;
import io.aispine.agents.outbound.OutboundPolicy;
import io.aispine.api.Problem;
import io.aispine.api.RedeliverRequest;
import io.aispine.api.Redelivery;
import io.aispine.api.Webhook;
import io.aispine.api.WebhookDelivery;
import io.aispine.api.WebhookRequest;
import io.aispine.server.internal.auth.Caller;
import io.aispine.server.internal.http.Json;
import io.aispine.server.internal.http.Printable;
import io.aispine.server.internal.http.ProblemException;
import io.aispine.server.internal.http.QueryParams;
import io.aispine.server.internal.http.RequestBodies;
import io.aispine.store.WebhookStore;
import io.aispine.store.WebhookStore.Delivery;
import io.aispine.store.WebhookStore.Subscription;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code /api/v1/webhooks}: the outbound webhooks of the caller's workspace. Admins create and
 * delete them (a subscription sends the workspace's events elsewhere), operators send a test and
 * redeliver (operational, like retrying an execution), viewers read them and their delivery log.
 */
public final class WebhookRoutes {

  /** What an event-type pattern may hold: lower-case words, dots, and the globs * and ?. */
  static final Pattern EVENT_TYPE = Pattern.compile("[a-z0-9_.*?]{1,100}");

  private static final int MAX_PATTERNS = 20;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final WebhookStore store;
  private final WebhookSecrets secrets;
  private final OutboundPolicy policy;
  private final WebhookDispatcher dispatcher;
  private final InstantSource clock;

  public WebhookRoutes(
      WebhookStore store,
      WebhookSecrets secrets,
      OutboundPolicy policy,
      WebhookDispatcher dispatcher,
      InstantSource clock) {
    this.store = store;
    this.secrets = secrets;
    this.policy = policy;
    this.dispatcher = dispatcher;
    this.clock = clock;
  }

  /** Registers the routes. */
  public void register(RoutesConfig routes) {
    routes.post("/api/v1/webhooks", this::create);
    routes.get("/api/v1/webhooks", this::list);
    routes.get("/api/v1/webhooks/{id}", this::show);
    routes.delete("/api/v1/webhooks/{id}", this::delete);
    routes.post("/api/v1/webhooks/{id}/test", this::test);
    routes.get("/api/v1/webhooks/{id}/deliveries", this::deliveries);
    routes.post("/api/v1/webhooks/{id}/redeliver", this::redeliver);
  }

  private void create(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    WebhookRequest request = RequestBodies.json(ctx, WebhookRequest.class);
    URI url = checkedUrl(request.url());
    List<String> types = checkedTypes(request.eventTypes());
    String workspace = Caller.of(ctx).workspace();
    String id = "wh_" + random(8);
    String secret = secrets.create(workspace, id);
    var subscription =
        new Subscription(
            id,
            workspace,
            url.toString(),
            types,
            request.description(),
            true,
            null,
            null,
            clock.instant());
    store.create(subscription);
    ctx.header("Location", "/api/v1/webhooks/" + id);
    Json.write(ctx, 201, view(subscription, secret));
  }

  private void list(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    List<Webhook> items =
        store.list(Caller.of(ctx).workspace()).stream().map(s -> view(s, null)).toList();
    Json.write(ctx, 200, Map.of("items", items));
  }

  private void show(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    Json.write(ctx, 200, view(find(ctx), null));
  }

  private void delete(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    Subscription subscription = find(ctx);
    store.delete(subscription.workspace(), subscription.id());
    secrets.delete(subscription.workspace(), subscription.id());
    ctx.status(204);
  }

  private void test(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    Subscription subscription = find(ctx);
    Instant now = clock.instant();
    String id = "msg_" + subscription.id() + "_test_" + random(6);
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("specversion", "1.0");
    event.put("id", id);
    event.put("source", "/webhooks/" + subscription.id());
    event.put("type", "io.aispine.webhook.test");
    event.put("time", now);
    event.put("datacontenttype", "application/json");
    event.put("data", Map.of("message", "a test delivery from AI Spine"));
    var delivery =
        new Delivery(
            id,
            subscription.id(),
            subscription.workspace(),
            0,
            "webhook.test",
            WebhookStore.Status.PENDING,
            0,
            now,
            now,
            now,
            null,
            null,
            null,
            null);
    store.enqueueTest(
        delivery, new String(Json.bytes(event), java.nio.charset.StandardCharsets.UTF_8));
    dispatcher.wake();
    Json.write(ctx, 202, view(delivery));
  }

  private void deliveries(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of("limit"));
    int limit = QueryParams.limit(ctx);
    Subscription subscription = find(ctx);
    List<WebhookDelivery> items =
        store.deliveries(subscription.workspace(), subscription.id(), limit).stream()
            .map(WebhookRoutes::view)
            .toList();
    Json.write(ctx, 200, Map.of("items", items));
  }

  private void redeliver(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    RedeliverRequest request = RequestBodies.optionalJson(ctx, RedeliverRequest.class);
    Subscription subscription = find(ctx);
    int queued =
        store.redeliver(
            subscription.workspace(), subscription.id(), request.delivery(), clock.instant());
    if (request.delivery() != null && queued == 0) {
      throw new ProblemException(
          Problem.notFound(
              "webhook "
                  + subscription.id()
                  + " has no delivery '"
                  + Printable.clip(request.delivery())
                  + "'; GET /api/v1/webhooks/"
                  + subscription.id()
                  + "/deliveries lists them"));
    }
    dispatcher.wake();
    boolean enabled =
        store
            .find(subscription.workspace(), subscription.id())
            .map(Subscription::enabled)
            .orElse(false);
    Json.write(ctx, 200, new Redelivery(queued, enabled));
  }

  private Subscription find(Context ctx) {
    String id = ctx.pathParam("id");
    return store
        .find(Caller.of(ctx).workspace(), id)
        .orElseThrow(
            () ->
                new ProblemException(
                    Problem.notFound(
                        "no webhook '"
                            + Printable.clip(id)
                            + "' in this workspace; GET /api/v1/webhooks lists them")));
  }

  /** The URL, refused with 400 when it is no http(s) URL or the outbound policy denies it. */
  private URI checkedUrl(String text) {
    URI url;
    try {
      url = new URI(text == null ? "" : text.strip());
    } catch (URISyntaxException e) {
      throw badUrl("field /url: '" + Printable.clip(text) + "' is not a URL: " + e.getReason());
    }
    try {
      policy.checkUrl(url);
      int port =
          url.getPort() >= 0 ? url.getPort() : url.getScheme().equalsIgnoreCase("https") ? 443 : 80;
      policy.resolve(url.getHost(), port);
    } catch (OutboundDeniedException e) {
      throw new ProblemException(
          Problem.of(
                  400,
                  "outbound-denied",
                  "Outbound request denied",
                  "field /url: " + e.getMessage())
              .withErrors(List.of(Problem.FieldError.at("/url", e.getMessage()))));
    } catch (UnknownHostException e) {
      // kept as asked: deliveries fail (and are retried) until the name resolves
    }
    return url;
  }

  private static ProblemException badUrl(String detail) {
    return new ProblemException(Problem.badField("/url", detail));
  }

  private static List<String> checkedTypes(List<String> types) {
    if (types == null || types.isEmpty()) {
      throw new ProblemException(
          Problem.badField(
              "/event_types",
              "field /event_types: name at least one event type pattern, e.g. [\"execution.*\","
                  + " \"node.failed\"] or [\"*\"] for every event"));
    }
    if (types.size() > MAX_PATTERNS) {
      throw new ProblemException(
          Problem.badField(
              "/event_types",
              "field /event_types: at most " + MAX_PATTERNS + " patterns, got " + types.size()));
    }
    for (int i = 0; i < types.size(); i++) {
      String type = types.get(i);
      if (type == null || !EVENT_TYPE.matcher(type).matches()) {
        throw new ProblemException(
            Problem.badField(
                "/event_types/" + i,
                "field /event_types/"
                    + i
                    + ": '"
                    + Printable.clip(String.valueOf(type))
                    + "' is no event type pattern: lower-case letters, digits, '_', '.', and the"
                    + " globs '*' (any run) and '?' (one character), e.g. node.*"));
      }
    }
    return types.stream().distinct().toList();
  }

  private static String random(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return HexFormat.of().formatHex(random);
  }

  private static Webhook view(Subscription s, String secret) {
    return new Webhook(
        s.id(),
        s.workspace(),
        s.url(),
        s.eventTypes(),
        s.description(),
        s.enabled(),
        s.disabledReason(),
        s.disabledAt(),
        s.createdAt(),
        secret);
  }

  private static WebhookDelivery view(Delivery d) {
    return new WebhookDelivery(
        d.id(),
        d.webhookId(),
        d.eventType(),
        d.eventPosition() == 0 ? null : d.eventPosition(),
        d.status().name().toLowerCase(Locale.ROOT),
        d.attempts(),
        d.createdAt(),
        d.status() == WebhookStore.Status.PENDING ? d.nextAttemptAt() : null,
        d.lastAttemptAt(),
        d.responseCode(),
        d.latencyMillis(),
        d.lastError());
  }
}
