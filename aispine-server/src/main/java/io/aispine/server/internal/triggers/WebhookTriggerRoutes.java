package io.aispine.server.internal.triggers;

import io.aispine.api.Problem;
import io.aispine.api.WebhookAccepted;
import io.aispine.engine.InvalidInputsException;
import io.aispine.expr.ExpressionException;
import io.aispine.expr.Templates;
import io.aispine.flow.Flow;
import io.aispine.flow.WebhookTrigger;
import io.aispine.server.internal.http.Json;
import io.aispine.server.internal.http.Printable;
import io.aispine.server.internal.http.ProblemException;
import io.aispine.server.secrets.SecretVault;
import io.aispine.store.TriggerStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /hooks/{workspace}/{flow}.{trigger}}: a signed delivery starts the flow's newest
 * approved version, once per idempotency key. The signature is checked before anything else is
 * read; a bad or missing one is a {@code 401} and starts nothing.
 */
public final class WebhookTriggerRoutes {

  private static final Logger log = LoggerFactory.getLogger(WebhookTriggerRoutes.class);

  /** The route, with its two path parameters. */
  public static final String PATH = "/hooks/{workspace}/{trigger}";

  private final TriggerCatalog catalog;
  private final TriggerStarts starts;
  private final SecretVault secrets;
  private final InstantSource clock;
  private final BooleanSupplier closing;

  public WebhookTriggerRoutes(
      TriggerCatalog catalog,
      TriggerStarts starts,
      SecretVault secrets,
      InstantSource clock,
      BooleanSupplier closing) {
    this.catalog = catalog;
    this.starts = starts;
    this.secrets = secrets;
    this.clock = clock;
    this.closing = closing;
  }

  public void register(RoutesConfig routes) {
    routes.post(PATH, this::deliver);
  }

  /** The path a webhook trigger receives deliveries at. */
  public static String path(String workspace, String name) {
    return "/hooks/" + workspace + "/" + name;
  }

  private void deliver(Context ctx) {
    if (closing.getAsBoolean()) {
      throw new ProblemException(Problem.unavailable("the server is shutting down"));
    }
    String workspace = ctx.pathParam("workspace");
    String name = ctx.pathParam("trigger");
    TriggerStore.Row row = webhookRow(workspace, name);
    Flow flow = catalog.flow(row.flowId(), row.flowVersion());
    var trigger = (WebhookTrigger) flow.trigger(row.triggerId()).orElseThrow();
    Map<String, String> headers = new HashMap<>();
    ctx.headerMap().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
    byte[] body = ctx.bodyAsBytes();
    Optional<String> secret = secrets.valueIn(workspace, trigger.secret());
    if (secret.isEmpty()) {
      log.warn(
          "webhook {} refused a delivery: secret '{}' is not set in workspace {}; an admin sets it"
              + " with PUT /api/v1/secrets/{}",
          row.name(),
          trigger.secret(),
          workspace,
          trigger.secret());
      throw new ProblemException(
          Problem.unauthorized(
              "this trigger cannot verify signatures yet; ask its workspace admin"));
    }
    Optional<String> refusal =
        WebhookSignatures.refusal(
            trigger.signature(), secret.get(), headers, body, clock.instant());
    if (refusal.isPresent()) {
      log.warn("webhook {} refused a delivery from {}: {}", row.name(), ctx.ip(), refusal.get());
      throw new ProblemException(Problem.unauthorized(refusal.get()));
    }
    if (row.paused()) {
      throw new ProblemException(
          Problem.conflict(
              "trigger "
                  + row.name()
                  + " is paused; resume it with POST /api/v1/triggers/"
                  + row.name()
                  + "/resume"));
    }
    Map<String, Object> names = new HashMap<>();
    names.put("payload", payload(body));
    names.put("headers", headers);
    String key = idempotencyKey(trigger, names, headers);
    TriggerStarts.Started started;
    try {
      started = starts.fire(flow, trigger, key, names);
    } catch (InvalidInputsException e) {
      throw new ProblemException(
          Problem.badRequest(
              "the delivery's inputs do not fit "
                  + flow.ref()
                  + ": "
                  + String.join("; ", e.problems())));
    } catch (ExpressionException e) {
      throw new ProblemException(
          Problem.badRequest(
              "trigger "
                  + row.name()
                  + " could not map the delivery to inputs: "
                  + e.getMessage()));
    }
    ctx.header("Location", "/api/v1/executions/" + started.executionId());
    Json.write(ctx, 202, new WebhookAccepted(started.executionId(), started.started()));
  }

  private TriggerStore.Row webhookRow(String workspace, String name) {
    int dot = name.indexOf('.');
    Optional<TriggerStore.Row> row =
        dot < 0
            ? Optional.empty()
            : catalog.store().find(name.substring(0, dot), name.substring(dot + 1));
    return row.filter(r -> r.workspace().equals(workspace) && r.kind().equals("webhook"))
        .orElseThrow(
            () ->
                new ProblemException(
                    Problem.notFound(
                        "no webhook trigger '"
                            + Printable.clip(name)
                            + "' in workspace '"
                            + Printable.clip(workspace)
                            + "'; the URL is /hooks/<workspace>/<flow>.<trigger> of an approved"
                            + " flow version (GET /api/v1/triggers lists them)")));
  }

  /** The body as JSON when it is JSON, else as text. */
  private static Object payload(byte[] body) {
    if (body.length == 0) {
      return Map.of();
    }
    try {
      return Json.mapper().readValue(body, Object.class);
    } catch (java.io.IOException e) {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private static String idempotencyKey(
      WebhookTrigger trigger, Map<String, Object> names, Map<String, String> headers) {
    Object key;
    if (trigger.idempotencyKey() != null) {
      try {
        key = Templates.resolve(trigger.idempotencyKey(), names);
      } catch (ExpressionException e) {
        key = null;
      }
    } else {
      key = headers.get(trigger.signature().deliveryHeader());
    }
    if (key == null || key.toString().isBlank()) {
      throw new ProblemException(
          Problem.badRequest(
              "the delivery has no idempotency key: "
                  + (trigger.idempotencyKey() != null
                      ? "'" + trigger.idempotencyKey() + "' is empty for it"
                      : "send the " + trigger.signature().deliveryHeader() + " header")));
    }
    return key.toString();
  }
}
