package io.aispine.server.internal.events;

import io.aispine.api.Problem;
import io.aispine.engine.Engine;
import io.aispine.execution.EventType;
import io.aispine.execution.ExecutionEvent;
import io.aispine.execution.ExecutionState;
import io.aispine.server.internal.auth.Caller;
import io.aispine.server.internal.http.Printable;
import io.aispine.server.internal.http.ProblemException;
import io.aispine.server.internal.http.QueryParams;
import io.aispine.store.ExecutionStore;
import io.aispine.store.StoredEvent;
import io.aispine.store.WorkspaceStore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-sent events: {@code /api/v1/executions/{id}/stream} (ids are sequence numbers, ends after
 * the terminal event) and {@code /api/v1/events/stream} (ids are global positions). A client that
 * reconnects with {@code Last-Event-ID} gets the events after it from the store, then live ones,
 * each exactly once.
 */
public final class StreamRoutes {

  private static final Logger log = LoggerFactory.getLogger(StreamRoutes.class);
  private static final int REPLAY_PAGE = 500;
  private static final Set<EventType> TERMINAL =
      Set.of(
          EventType.EXECUTION_COMPLETED, EventType.EXECUTION_FAILED, EventType.EXECUTION_CANCELLED);

  private final Engine engine;
  private final ExecutionStore executions;
  private final EventFeed feed;
  private final long keepAliveMillis;

  private final WorkspaceStore workspaces;

  public StreamRoutes(
      Engine engine,
      ExecutionStore executions,
      EventFeed feed,
      long keepAliveMillis,
      WorkspaceStore workspaces) {
    this.workspaces = workspaces;
    this.engine = engine;
    this.executions = executions;
    this.feed = feed;
    this.keepAliveMillis = keepAliveMillis;
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/v1/executions/{id}/stream", this::execution);
    routes.get("/api/v1/events/stream", this::global);
  }

  private void execution(Context ctx) throws IOException, InterruptedException {
    QueryParams.allowOnly(ctx, Set.of());
    String id = ctx.pathParam("id");
    long last = lastEventId(ctx, 0);
    Caller caller = Caller.of(ctx);
    ExecutionState state =
        engine
            .execution(id)
            .filter(e -> caller.owns(workspaces.ownerOf(WorkspaceStore.Owned.EXECUTION, id)))
            .orElseThrow(
                () ->
                    new ProblemException(
                        Problem.notFound("no execution '" + Printable.clip(id) + "'")));
    // subscribe before reading the history: whatever commits after the read arrives live
    try (Subscription live = subscribe(e -> e.executionId().equals(id), id)) {
      SseChannel channel = SseChannel.open(ctx);
      while (true) {
        List<ExecutionEvent> page = executions.events(id, last, REPLAY_PAGE);
        for (ExecutionEvent event : page) {
          channel.send(Long.toString(event.seq()), event);
          last = event.seq();
          if (TERMINAL.contains(event.type())) {
            return;
          }
        }
        if (page.size() < REPLAY_PAGE) {
          break;
        }
      }
      if (state.status().terminal() && last >= state.lastSeq()) {
        return; // resumed after the terminal event: nothing more will come
      }
      while (true) {
        Object item = live.nextItem(keepAliveMillis);
        if (item == null) {
          channel.comment("keep-alive");
        } else if (item == Subscription.END) {
          endEarly(live, ctx);
          return;
        } else if (item instanceof OutputDelta delta) {
          channel.send(delta);
        } else if (item instanceof StoredEvent next && next.event().seq() > last) {
          channel.send(Long.toString(next.event().seq()), next.event());
          last = next.event().seq();
          if (TERMINAL.contains(next.event().type())) {
            return;
          }
        }
      }
    } catch (IOException e) {
      log.debug("stream client of {} went away: {}", id, e.toString());
    }
  }

  private void global(Context ctx) throws InterruptedException {
    QueryParams.allowOnly(ctx, Set.of());
    long last = lastEventId(ctx, -1);
    String workspace = Caller.of(ctx).workspace();
    // an execution's workspace never changes: ask the store once per execution
    Map<String, Boolean> own = new ConcurrentHashMap<>();
    Predicate<ExecutionEvent> mine =
        e ->
            own.computeIfAbsent(
                e.executionId(),
                id ->
                    workspaces
                        .ownerOf(WorkspaceStore.Owned.EXECUTION, id)
                        .filter(workspace::equals)
                        .isPresent());
    try (Subscription live = subscribe(mine, null)) {
      SseChannel channel = SseChannel.open(ctx);
      if (last < 0) {
        last = live.startPosition(); // no Last-Event-ID: from now on
      } else {
        while (true) {
          List<StoredEvent> page = executions.eventsAfterPosition(last, REPLAY_PAGE);
          for (StoredEvent event : page) {
            if (mine.test(event.event())) {
              channel.send(Long.toString(event.position()), event.event());
            }
            last = event.position();
          }
          if (page.size() < REPLAY_PAGE) {
            break;
          }
        }
      }
      while (true) {
        StoredEvent next = live.next(keepAliveMillis);
        if (next == null) {
          channel.comment("keep-alive");
        } else if (next == Subscription.END) {
          endEarly(live, ctx);
          return;
        } else if (next.position() > last) {
          channel.send(Long.toString(next.position()), next.event());
          last = next.position();
        }
      }
    } catch (IOException e) {
      log.debug("global stream client went away: {}", e.toString());
    }
  }

  private Subscription subscribe(
      java.util.function.Predicate<ExecutionEvent> filter, String deltasOf) {
    try {
      return feed.subscribe(filter, deltasOf);
    } catch (IllegalStateException e) {
      throw new ProblemException(Problem.unavailable("the server is shutting down"));
    }
  }

  private static void endEarly(Subscription live, Context ctx) {
    if (live.overflowed()) {
      log.warn(
          "ended the event stream of {} for {}: the client read too slowly",
          ctx.path(),
          ctx.req().getRemoteAddr());
    }
  }

  private static long lastEventId(Context ctx, long absent) {
    String header = ctx.header("Last-Event-ID");
    if (header == null || header.isBlank()) {
      return absent;
    }
    try {
      long id = Long.parseLong(header.strip());
      if (id < 0) {
        throw new NumberFormatException();
      }
      return id;
    } catch (NumberFormatException e) {
      throw new ProblemException(
          Problem.badParameter(
              "Last-Event-ID",
              "header Last-Event-ID must be the id of an event this stream sent (a whole number),"
                  + " got '"
                  + Printable.clip(header)
                  + "'"));
    }
  }
}
