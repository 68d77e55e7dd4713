package io.aispine.server.internal.ops;

import io.aispine.api.Problem;
import io.aispine.server.internal.http.Json;
import io.aispine.store.Store;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * {@code /health}, {@code /ready}, {@code /metrics} and {@code /openapi.json}: no auth, except for
 * {@code /metrics} when its guard asks for an API key (see {@code MetricsAccess}).
 */
public final class OpsRoutes {

  private final Store store;
  private final ServerMetrics metrics;
  private final Supplier<byte[]> openApi;
  private final BooleanSupplier closing;
  private final Handler metricsGuard;

  /**
   * @param metricsGuard runs before {@code /metrics} is answered: an API key check, or nothing
   */
  public OpsRoutes(
      Store store,
      ServerMetrics metrics,
      Supplier<byte[]> openApi,
      BooleanSupplier closing,
      Handler metricsGuard) {
    this.store = store;
    this.metrics = metrics;
    this.openApi = openApi;
    this.closing = closing;
    this.metricsGuard = metricsGuard;
  }

  public void register(RoutesConfig routes) {
    routes.get("/health", ctx -> Json.write(ctx, 200, Map.of("status", "ok")));
    routes.get("/ready", this::ready);
    routes.get("/metrics", this::metrics);
    routes.get(
        "/openapi.json",
        ctx -> ctx.status(200).contentType("application/json").result(openApi.get()));
  }

  private void ready(Context ctx) {
    if (closing.getAsBoolean()) {
      Json.problem(ctx, Problem.unavailable("the server is shutting down").at(ctx.path()));
    } else if (!store.isReachable()) {
      Json.problem(ctx, Problem.unavailable("the store does not answer").at(ctx.path()));
    } else {
      Json.write(ctx, 200, Map.of("status", "ready"));
    }
  }

  private void metrics(Context ctx) throws Exception {
    metricsGuard.handle(ctx);
    ctx.status(200)
        .contentType("text/plain; version=0.0.4; charset=utf-8")
        .result(metrics.scrape());
  }
}
