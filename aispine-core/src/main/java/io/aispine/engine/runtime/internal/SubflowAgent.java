package io.aispine.engine.runtime.internal;

import io.aispine.agent.Agent;
import io.aispine.agent.AgentCall;
import io.aispine.agent.AgentException;
import io.aispine.agent.AgentResult;
import io.aispine.engine.InvalidInputsException;
import io.aispine.engine.RunGate;
import io.aispine.engine.RunRefusal;
import io.aispine.execution.ErrorInfo;
import io.aispine.execution.ExecutionState;
import io.aispine.flow.Flow;
import io.aispine.flow.FlowParser;
import io.aispine.store.FlowStore;
import io.aispine.store.StoredFlow;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.semver4j.Semver;

/**
 * The agent behind subflow nodes, served by the engine itself: it starts the child execution and
 * waits for it, so a subflow attempt is retried, timed out, fenced and recovered like any other.
 *
 * <p>The child's id is derived from the attempt's idempotency key, so a redelivered attempt (after
 * a crash) finds the child it started instead of starting another. Interrupting the attempt (the
 * parent was cancelled or the node timed out) cancels the child, unless the engine is shutting
 * down: then both resume on the next start.
 */
public final class SubflowAgent implements Agent {

  /** How deep subflows may nest before a call is refused, so runaway recursion stops. */
  public static final int MAX_DEPTH = 10;

  /** What the agent needs of the engine that runs it. */
  public interface Host {

    /** The current state of an execution. */
    Optional<ExecutionState> execution(String id);

    /** Starts a child execution under a given id unless it exists already. */
    void startChild(
        Flow flow, Map<String, Object> inputs, String id, ExecutionState.ParentLink link);

    /** Waits until an execution is terminal. */
    ExecutionState awaitEnd(String id) throws InterruptedException;

    /** Cancels an execution. */
    void cancel(String id, String reason);

    /** True once the engine is shutting down. */
    boolean closing();
  }

  private final Host host;
  private final FlowStore flows;
  private final RunGate gate;

  /**
   * @param gate which stored versions a child may run: the newest version in range that it admits
   *     is chosen
   */
  public SubflowAgent(Host host, FlowStore flows, RunGate gate) {
    this.host = host;
    this.flows = flows;
    this.gate = gate;
  }

  @Override
  public AgentResult execute(AgentCall call) throws AgentException, InterruptedException {
    String parentId = call.executionId();
    ExecutionState parent =
        host.execution(parentId)
            .orElseThrow(
                () ->
                    new AgentException.Permanent("SUBFLOW_NO_PARENT", "no execution " + parentId));
    int depth = parent.depth() + 1;
    if (depth > MAX_DEPTH) {
      throw new AgentException.Permanent(
          "SUBFLOW_TOO_DEEP",
          "subflow '"
              + call.nodePath()
              + "' would start a child at depth "
              + depth
              + ", beyond the limit of "
              + MAX_DEPTH
              + " nested subflows (does a flow call itself, directly or through others?)");
    }
    Flow flow = resolve(parentId, call.action());
    String childId = childId(call.idempotencyKey());
    try {
      host.startChild(
          flow,
          call.inputMap(),
          childId,
          new ExecutionState.ParentLink(parentId, call.nodePath(), depth));
    } catch (InvalidInputsException e) {
      throw new AgentException.Permanent(
          "SUBFLOW_INVALID_INPUTS", "inputs for flow " + flow.ref() + ": " + e.getMessage());
    }
    ExecutionState child;
    try {
      child = host.awaitEnd(childId);
    } catch (InterruptedException e) {
      if (!host.closing()) {
        host.cancel(childId, "its parent " + parentId + " stopped node " + call.nodePath());
      }
      throw e;
    }
    return switch (child.status()) {
      case SUCCEEDED -> {
        var output = new LinkedHashMap<String, Object>(4);
        output.put("execution", childId);
        output.put("flow", flow.ref());
        output.put("outputs", child.outputs());
        yield AgentResult.success(output);
      }
      case CANCELLED ->
          AgentResult.failure(
              ErrorInfo.permanent(
                  "SUBFLOW_CANCELLED", "child execution " + childId + " was cancelled"));
      default -> {
        ErrorInfo cause = child.error();
        yield AgentResult.failure(
            ErrorInfo.permanent(
                "SUBFLOW_FAILED",
                "child execution "
                    + childId
                    + " of "
                    + flow.ref()
                    + " failed"
                    + (cause == null ? "" : ": " + cause.code() + ": " + cause.message())));
      }
    };
  }

  /**
   * The newest stored version of the flow that the reference's range admits and the gate lets run;
   * a range whose versions the gate all refuses names the first refusal (a draft, say). A flow the
   * gate does not let the parent reach (another workspace's) is not found, as if never deployed.
   */
  private Flow resolve(String parentId, String reference) throws AgentException {
    int at = reference.indexOf('@');
    String id = at < 0 ? reference : reference.substring(0, at);
    String range = at < 0 ? "*" : reference.substring(at + 1).strip();
    List<StoredFlow> visible = gate.reaches(parentId, id) ? flows.versions(id) : List.of();
    List<StoredFlow> inRange =
        visible.stream()
            .filter(f -> Semver.parse(f.version()) != null)
            .filter(f -> Semver.parse(f.version()).satisfies(range))
            .sorted(Comparator.comparing((StoredFlow f) -> Semver.parse(f.version())).reversed())
            .toList();
    if (inRange.isEmpty()) {
      throw new AgentException.Permanent(
          "SUBFLOW_NOT_FOUND",
          "no deployed version of flow '"
              + id
              + "' matches "
              + range
              + " (deploy it first with aispine flow deploy, or run it once on this store)");
    }
    RunRefusal firstRefusal = null;
    for (StoredFlow stored : inRange) {
      Optional<RunRefusal> refusal =
          gate.refusal(stored.id(), stored.version(), RunGate.RunKind.SUBFLOW);
      if (refusal.isEmpty()) {
        return FlowParser.parse(stored.source(), stored.id() + "@" + stored.version());
      }
      if (firstRefusal == null) {
        firstRefusal = refusal.get();
      }
    }
    throw new AgentException.Permanent(
        "SUBFLOW_NOT_APPROVED",
        "no version of flow '"
            + id
            + "' that matches "
            + range
            + " may run: "
            + firstRefusal.detail());
  }

  /**
   * The child's id: {@code ex_} and 26 lower-case base-32 characters of the SHA-256 of the parent
   * attempt's idempotency key, shaped like every other execution id.
   */
  static String childId(String idempotencyKey) {
    byte[] hash;
    try {
      hash =
          MessageDigest.getInstance("SHA-256")
              .digest(idempotencyKey.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
    String alphabet = "0123456789abcdefghjkmnpqrstvwxyz";
    var id = new StringBuilder("ex_");
    long bits = 0;
    int held = 0;
    int next = 0;
    while (id.length() < 3 + 26) {
      if (held < 5) {
        bits = (bits << 8) | (hash[next++] & 0xff);
        held += 8;
      }
      id.append(alphabet.charAt((int) ((bits >>> (held - 5)) & 31)));
      held -= 5;
    }
    return id.toString();
  }
}
