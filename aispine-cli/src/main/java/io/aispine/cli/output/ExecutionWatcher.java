package io.aispine.cli.output;

import io.aispine.api.Execution;
import io.aispine.api.ExecutionStatus;
import io.aispine.api.FlowNode;
import io.aispine.cli.command.ExitCodes;
import io.aispine.execution.EventType;
import io.aispine.execution.ExecutionEvent;
import io.aispine.sdk.AispineApiException;
import io.aispine.sdk.AispineClient;
import io.aispine.sdk.EventStream;
import io.aispine.sdk.StreamEvent;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Follows one execution live through the server's event stream, printing a line per node start, end
 * (with duration), failure, retry (with attempt) and skip, like {@code aispine run}; on a terminal,
 * a progress bar stays at the bottom. The SDK resumes after a dropped connection.
 */
public final class ExecutionWatcher {

  private final AispineClient client;
  private final PrintWriter out;
  private final Terminal term;

  public ExecutionWatcher(AispineClient client, PrintWriter out, Terminal term) {
    this.client = client;
    this.out = out;
    this.term = term;
  }

  /** Streams the execution's events until its end; returns its final status. */
  public ExecutionStatus watch(String executionId, String verb) throws InterruptedException {
    Execution execution = client.getExecution(executionId);
    List<FlowNode> nodes = nodesOf(execution);
    String ref = execution.flow() + "@" + execution.version();
    var printer =
        new ProgressPrinter(
            out,
            ref,
            nodes.stream().map(FlowNode::id).toList(),
            nodes.stream()
                .filter(n -> "decision".equals(n.type()))
                .map(FlowNode::id)
                .collect(Collectors.toSet()),
            term);
    out.println(term.bold(verb + " " + ref) + term.dim("  (" + executionId + ")"));
    out.flush();
    var progress = new Progress(nodes.size(), new StatusLine(out, StatusLine.interactive()));
    var streamRef = new AtomicReference<EventStream>();
    var last = new AtomicReference<StreamEvent>();
    var seenReconnects = new int[] {0};
    var deltas = new LiveOutput(out, term);
    EventStream stream =
        client.stream(
            executionId,
            null,
            event -> {
              EventStream s = streamRef.get();
              progress.status.clear();
              if (s != null && s.reconnects() > seenReconnects[0]) {
                seenReconnects[0] = s.reconnects();
                out.println(
                    term.dim("  (connection to the server was lost; resumed without gaps)"));
              }
              if (deltas.print(event)) {
                return; // a piece of a running node's answer, printed as it comes
              }
              ExecutionEvent engineEvent = toEngineEvent(event);
              if (engineEvent != null) {
                printer.print(engineEvent);
              }
              progress.update(event);
              last.set(event);
            });
    streamRef.set(stream);
    try {
      stream.await();
    } finally {
      stream.close();
      progress.status.clear();
    }
    StreamEvent end = last.get();
    return end != null && end.terminal()
        ? end.executionStatus()
        : client.getExecution(executionId).status();
  }

  public static int exitCode(ExecutionStatus status) {
    return switch (status) {
      case SUCCEEDED -> ExitCodes.OK;
      case CANCELLED -> ExitCodes.CANCELLED;
      case FAILED, RUNNING, UNKNOWN -> ExitCodes.FAILED;
    };
  }

  private List<FlowNode> nodesOf(Execution execution) {
    try {
      return client.getFlowVersion(execution.flow(), execution.version()).nodes();
    } catch (AispineApiException e) {
      // The flow version is gone or hidden: the execution's own node list is enough to print.
      return execution.nodes().stream().map(n -> FlowNode.of(n.path(), null, List.of())).toList();
    }
  }

  /** The engine's event for a stream event, so that the output matches {@code aispine run}. */
  static ExecutionEvent toEngineEvent(StreamEvent e) {
    EventType type;
    try {
      type = EventType.fromWire(e.type());
    } catch (IllegalArgumentException | NullPointerException unknown) {
      return null; // a newer server's event type: nothing to print for it
    }
    return new ExecutionEvent(
        e.executionId(),
        e.seq() == null ? 0 : e.seq(),
        type,
        e.node(),
        e.attempt() == null ? 0 : e.attempt(),
        e.time() == null ? Instant.now() : e.time(),
        e.data());
  }

  /**
   * Prints the {@code node.output.delta} pieces of a streaming node on one line, {@code say ▸
   * tokens arrive…}, ended by the next other event.
   */
  static final class LiveOutput {
    private final PrintWriter out;
    private final Terminal term;
    private String streaming;

    LiveOutput(PrintWriter out, Terminal term) {
      this.out = out;
      this.term = term;
    }

    /** Prints {@code event} if it is a delta (true); else ends a line of pieces first (false). */
    boolean print(StreamEvent event) {
      if ("node.output.delta".equals(event.type())) {
        String node = event.node() == null ? "?" : event.node();
        if (!node.equals(streaming)) {
          if (streaming != null) {
            out.println();
          }
          out.print(term.dim("  " + node + " ▸ "));
          streaming = node;
        }
        out.print(String.valueOf(event.data().getOrDefault("text", "")));
        out.flush();
        return true;
      }
      if (streaming != null) {
        out.println();
        out.flush();
        streaming = null;
      }
      return false;
    }
  }

  /** Counts finished nodes for the progress bar and names the ones running. */
  private static final class Progress {
    private final int total;
    private final StatusLine status;
    private final Set<String> finished = new LinkedHashSet<>();
    private final Set<String> running = new LinkedHashSet<>();
    private Instant start;

    Progress(int total, StatusLine status) {
      this.total = total;
      this.status = status;
    }

    void update(StreamEvent e) {
      if (start == null && e.time() != null) {
        start = e.time();
      }
      String node = e.node();
      if (node != null && node.indexOf('/') < 0) {
        switch (e.type()) {
          case "node.started" -> running.add(node);
          case "node.completed", "node.failed", "node.skipped", "node.cancelled", "node.reused" -> {
            running.remove(node);
            finished.add(node);
          }
          case "node.retrying" -> running.remove(node);
          default -> {}
        }
      }
      if (e.terminal()) {
        return;
      }
      String elapsed =
          start == null || e.time() == null
              ? ""
              : String.format(
                  Locale.ROOT,
                  "  %.1fs",
                  java.time.Duration.between(start, e.time()).toMillis() / 1000.0);
      String active = running.isEmpty() ? "" : "  running: " + String.join(", ", running);
      status.show(
          StatusLine.bar(Math.min(finished.size(), total), total, 24)
              + " nodes"
              + elapsed
              + active);
    }
  }
}
