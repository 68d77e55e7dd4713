package io.aispine.server.internal.triggers;

import io.aispine.api.Items;
import io.aispine.api.Problem;
import io.aispine.api.TriggerFires;
import io.aispine.api.TriggerInfo;
import io.aispine.flow.EventTrigger;
import io.aispine.flow.ScheduleTrigger;
import io.aispine.flow.Trigger;
import io.aispine.server.internal.auth.Caller;
import io.aispine.server.internal.http.Json;
import io.aispine.server.internal.http.Printable;
import io.aispine.server.internal.http.ProblemException;
import io.aispine.server.internal.http.QueryParams;
import io.aispine.store.TriggerStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code /api/v1/triggers}: the triggers of the caller's workspace in force (those of each flow's
 * newest approved version), their upcoming fires, and pausing and resuming them.
 */
public final class TriggerRoutes {

  private final TriggerCatalog catalog;
  private final InstantSource clock;

  public TriggerRoutes(TriggerCatalog catalog, InstantSource clock) {
    this.catalog = catalog;
    this.clock = clock;
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/triggers", this::list);
    routes.get("/api/v1/triggers/{name}", this::get);
    routes.get("/api/v1/triggers/{name}/next", this::next);
    routes.post("/api/v1/triggers/{name}/pause", ctx -> setPaused(ctx, true));
    routes.post("/api/v1/triggers/{name}/resume", ctx -> setPaused(ctx, false));
  }

  private void list(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of("flow", "kind"));
    catalog.sync();
    String flow = QueryParams.single(ctx, "flow");
    String kind = QueryParams.single(ctx, "kind");
    List<TriggerInfo> items =
        catalog.store().list(Caller.of(ctx).workspace()).stream()
            .filter(r -> flow == null || r.flowId().equals(flow))
            .filter(r -> kind == null || r.kind().equals(kind))
            .map(this::view)
            .toList();
    Json.write(ctx, 200, new Items<>(items));
  }

  private void get(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of());
    Json.write(ctx, 200, view(existing(ctx)));
  }

  private void next(Context ctx) {
    QueryParams.allowOnly(ctx, Set.of("count"));
    TriggerStore.Row row = existing(ctx);
    int count = (int) QueryParams.longValue(ctx, "count", 5, 1, 100);
    if (!(catalog.trigger(row).orElse(null) instanceof ScheduleTrigger schedule)) {
      throw new ProblemException(
          Problem.conflict(
              "trigger "
                  + row.name()
                  + " is a "
                  + row.kind()
                  + " trigger; only schedules have fire times"));
    }
    List<Instant> fires =
        row.paused() ? List.of() : ScheduleRunner.upcoming(schedule, row.nextFireAt(), count);
    Json.write(ctx, 200, new TriggerFires(row.name(), fires));
  }

  private void setPaused(Context ctx, boolean paused) {
    QueryParams.allowOnly(ctx, Set.of());
    TriggerStore.Row row = existing(ctx);
    // resuming drops the fires that fell due while paused: the schedule goes on from now
    Instant next =
        catalog.trigger(row).orElse(null) instanceof ScheduleTrigger schedule
            ? schedule.nextAfter(clock.instant()).orElse(null)
            : null;
    catalog.store().setPaused(row.flowId(), row.triggerId(), paused, next);
    Json.write(ctx, 200, view(catalog.store().find(row.flowId(), row.triggerId()).orElseThrow()));
  }

  /** The trigger, if it is in force in the caller's workspace: another's reads as missing. */
  private TriggerStore.Row existing(Context ctx) {
    catalog.sync();
    String name = ctx.pathParam("name");
    int dot = name.indexOf('.');
    return (dot < 0
            ? java.util.Optional.<TriggerStore.Row>empty()
            : catalog.store().find(name.substring(0, dot), name.substring(dot + 1)))
        .filter(r -> r.workspace().equals(Caller.of(ctx).workspace()))
        .orElseThrow(
            () ->
                new ProblemException(
                    Problem.notFound(
                        "no trigger '"
                            + Printable.clip(name)
                            + "'; triggers are named <flow>.<trigger> and GET /api/v1/triggers"
                            + " lists them")));
  }

  private TriggerInfo view(TriggerStore.Row row) {
    Trigger trigger = catalog.trigger(row).orElse(null);
    return new TriggerInfo(
        row.name(),
        row.flowId(),
        row.triggerId(),
        row.kind(),
        row.flowVersion(),
        row.paused(),
        row.paused() ? null : row.nextFireAt(),
        trigger instanceof ScheduleTrigger s ? s.cron() : null,
        trigger instanceof ScheduleTrigger s ? s.zone().getId() : null,
        row.kind().equals("webhook")
            ? WebhookTriggerRoutes.path(row.workspace(), row.name())
            : null,
        trigger instanceof EventTrigger e ? e.flow() : null,
        trigger instanceof EventTrigger e ? List.copyOf(new TreeSet<>(e.statuses())) : null,
        row.lastExecution());
  }
}
