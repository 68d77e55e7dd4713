package io.aispine.server.internal.ops;

import io.aispine.engine.Engine;
import io.aispine.execution.ExecutionEvent;
import io.aispine.execution.ExecutionState;
import io.aispine.log.ExecutionTrace;
import io.aispine.log.LogContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs, from committed events, what an operator follows of executions: each start (DEBUG, so that a
 * busy server does not drown its log), each end with status and duration (INFO), and approvals
 * requested, answered and expired (INFO). Every line carries the execution, its flow and trace, and
 * for approvals the node, in the MDC ({@link LogContext}).
 *
 * <p>It logs under {@value #LOGGER}, so that these lines can be turned down on their own.
 */
public final class ExecutionLog implements Engine.EventListener {

  /** The logger these lines are written under. */
  public static final String LOGGER = "io.aispine.executions";

  private static final Logger log = LoggerFactory.getLogger(LOGGER);

  /** The flow ({@code id@version}) and start of an execution this process saw start. */
  private record Started(String flow, Instant at) {}

  private final Function<String, Optional<ExecutionState>> executions;
  private final Map<String, Started> started = new ConcurrentHashMap<>();

  /**
   * @param executions reads an execution, for one that started before this process did
   */
  public ExecutionLog(Function<String, Optional<ExecutionState>> executions) {
    this.executions = executions;
  }

  @Override
  public void onEvent(ExecutionEvent event) {
    switch (event.type()) {
      case EXECUTION_STARTED -> started(event);
      case EXECUTION_RETRIED -> retried(event);
      case EXECUTION_COMPLETED, EXECUTION_FAILED, EXECUTION_CANCELLED -> finished(event);
      case APPROVAL_REQUESTED, APPROVAL_ANSWERED, APPROVAL_EXPIRED -> approval(event);
      default -> {}
    }
  }

  private void started(ExecutionEvent event) {
    String flow = event.data().get("flow") + "@" + event.data().get("version");
    started.put(event.executionId(), new Started(flow, event.at()));
    try (var ids = context(event, flow)) {
      Object replayOf = event.data().get("replay_of");
      if (replayOf instanceof Map<?, ?> origin) {
        log.debug(
            "execution {} of {} started, replaying {}",
            event.executionId(),
            flow,
            origin.get("execution"));
      } else {
        log.debug("execution {} of {} started", event.executionId(), flow);
      }
    }
  }

  private void retried(ExecutionEvent event) {
    Started before = startOf(event.executionId());
    String flow = before == null ? null : before.flow();
    started.put(event.executionId(), new Started(flow, event.at()));
    try (var ids = context(event, flow)) {
      log.info(
          "execution {} of {} retries nodes {}",
          event.executionId(),
          flow,
          event.data().get("nodes"));
    }
  }

  private void finished(ExecutionEvent event) {
    Started start = started.remove(event.executionId());
    if (start == null) {
      start = startOf(event.executionId()); // it started before this process did
    }
    String flow = start == null ? null : start.flow();
    String took = start == null ? "?" : human(Duration.between(start.at(), event.at()));
    try (var ids = context(event, flow)) {
      switch (event.type()) {
        case EXECUTION_COMPLETED ->
            log.info("execution {} of {} succeeded in {}", event.executionId(), flow, took);
        case EXECUTION_FAILED -> {
          Map<?, ?> error =
              event.data().get("error") instanceof Map<?, ?> e ? e : Map.<String, Object>of();
          log.info(
              "execution {} of {} failed in {}{}: {} {}",
              event.executionId(),
              flow,
              took,
              event.data().get("node") == null ? "" : " at node " + event.data().get("node"),
              error.get("code"),
              error.get("message"));
        }
        default ->
            log.info(
                "execution {} of {} cancelled after {}: {}",
                event.executionId(),
                flow,
                took,
                event.data().get("reason"));
      }
    }
  }

  private void approval(ExecutionEvent event) {
    Started start = started.get(event.executionId());
    String flow = start == null ? null : start.flow();
    Map<String, Object> data = event.data();
    try (var ids = context(event, flow)) {
      switch (event.type()) {
        case APPROVAL_REQUESTED ->
            log.info(
                "approval {} requested by execution {} at node {} (approvers: {}, expires: {})",
                data.get("approval_id"),
                event.executionId(),
                event.nodePath(),
                data.get("approvers"),
                data.get("expires_at") == null ? "never" : data.get("expires_at"));
        case APPROVAL_ANSWERED ->
            log.info(
                "approval {} {} by {} (execution {}, node {})",
                data.get("approval_id"),
                Boolean.TRUE.equals(data.get("approved")) ? "approved" : "rejected",
                data.get("by"),
                event.executionId(),
                event.nodePath());
        default ->
            log.info(
                "approval {} expired unanswered, {} (execution {}, node {})",
                data.get("approval_id"),
                data.get("on_timeout"),
                event.executionId(),
                event.nodePath());
      }
    }
  }

  private Started startOf(String executionId) {
    return executions
        .apply(executionId)
        .map(s -> new Started(s.flowId() + "@" + s.flowVersion(), s.createdAt()))
        .orElse(null);
  }

  /** Puts the event's execution, node, flow and trace in the MDC until closed. */
  private static LogContext context(ExecutionEvent event, String flow) {
    return LogContext.set(
        LogContext.EXECUTION_ID,
        event.executionId(),
        LogContext.FLOW,
        flow,
        LogContext.NODE_PATH,
        event.nodePath(),
        LogContext.TRACE_ID,
        ExecutionTrace.traceId(event.executionId()));
  }

  /** {@code 840 ms}, {@code 3.2 s}, {@code 4 min 5 s}. */
  static String human(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + " ms";
    }
    if (ms < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
    return d.toMinutes() + " min " + d.toSecondsPart() + " s";
  }
}
