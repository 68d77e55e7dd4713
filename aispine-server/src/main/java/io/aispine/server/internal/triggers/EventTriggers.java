package io.aispine.server.internal.triggers;

import io.aispine.engine.Engine;
import io.aispine.engine.InvalidInputsException;
import io.aispine.engine.RunRefusedException;
import io.aispine.execution.EventType;
import io.aispine.execution.ExecutionEvent;
import io.aispine.execution.ExecutionState;
import io.aispine.expr.ExpressionException;
import io.aispine.flow.EventTrigger;
import io.aispine.flow.Flow;
import io.aispine.store.StoreException;
import io.aispine.store.TriggerStore;
import io.aispine.store.Workspace;
import io.aispine.store.WorkspaceStore;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires event triggers: when an execution ends, each trigger of the same workspace that watches its
 * flow and status starts its own flow with the ended execution's outputs. The start happens off the
 * engine's thread; its id is derived from the ended execution and its end, so a repeated
 * notification starts nothing new.
 */
public final class EventTriggers implements Engine.EventListener, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EventTriggers.class);
  private static final Set<EventType> ENDS =
      Set.of(
          EventType.EXECUTION_COMPLETED, EventType.EXECUTION_FAILED, EventType.EXECUTION_CANCELLED);

  private final TriggerCatalog catalog;
  private final TriggerStarts starts;
  private final Engine engine;
  private final WorkspaceStore workspaces;
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(
          Thread.ofVirtual().name("aispine-event-triggers").factory());

  public EventTriggers(
      TriggerCatalog catalog, TriggerStarts starts, Engine engine, WorkspaceStore workspaces) {
    this.catalog = catalog;
    this.starts = starts;
    this.engine = engine;
    this.workspaces = workspaces;
  }

  @Override
  public void onEvent(ExecutionEvent event) {
    if (ENDS.contains(event.type()) && !executor.isShutdown()) {
      try {
        executor.execute(() -> ended(event));
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // closing
      }
    }
  }

  private void ended(ExecutionEvent event) {
    try {
      ExecutionState ended = engine.execution(event.executionId()).orElse(null);
      if (ended == null) {
        return;
      }
      String status = ended.status().name().toLowerCase(Locale.ROOT);
      String workspace =
          workspaces.ownerOf(WorkspaceStore.Owned.EXECUTION, ended.id()).orElse(Workspace.DEFAULT);
      for (TriggerStore.Row row : catalog.store().list(workspace)) {
        if (row.kind().equals("event") && !row.paused()) {
          Flow flow = catalog.flow(row.flowId(), row.flowVersion());
          if (flow.trigger(row.triggerId()).orElse(null) instanceof EventTrigger trigger
              && trigger.flow().equals(ended.flowId())
              && trigger.statuses().contains(status)) {
            fire(row, flow, trigger, ended, status, event.seq());
          }
        }
      }
    } catch (StoreException | IllegalStateException e) {
      log.warn("event triggers after {} not fired: {}", event.executionId(), e.getMessage());
    }
  }

  private void fire(
      TriggerStore.Row row,
      Flow flow,
      EventTrigger trigger,
      ExecutionState ended,
      String status,
      long seq) {
    var execution = new LinkedHashMap<String, Object>();
    execution.put("id", ended.id());
    execution.put("flow", ended.flowId());
    execution.put("version", ended.flowVersion());
    execution.put("status", status);
    Map<String, Object> names = new LinkedHashMap<>();
    names.put("outputs", ended.outputs() == null ? Map.of() : ended.outputs());
    names.put("execution", execution);
    try {
      var started = starts.fire(flow, trigger, ended.id() + "#" + seq, names);
      if (started.started()) {
        log.info(
            "event trigger {}: {} {} started {}",
            row.name(),
            ended.id(),
            status,
            started.executionId());
      }
    } catch (RunRefusedException | InvalidInputsException | ExpressionException e) {
      log.warn(
          "event trigger {}: after {} nothing started: {}", row.name(), ended.id(), e.getMessage());
    }
  }

  @Override
  public void close() {
    executor.shutdown();
  }
}
