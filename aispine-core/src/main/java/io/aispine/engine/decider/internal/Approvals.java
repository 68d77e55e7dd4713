package io.aispine.engine.decider.internal;

import com.github.f4b6a3.ulid.Ulid;
import io.aispine.engine.decider.Fact;
import io.aispine.execution.ApprovalStatus;
import io.aispine.execution.Command;
import io.aispine.execution.ErrorInfo;
import io.aispine.execution.EventType;
import io.aispine.execution.NodeState;
import io.aispine.execution.NodeStatus;
import io.aispine.expr.ExpressionException;
import io.aispine.expr.Templates;
import io.aispine.flow.ApprovalNode;
import io.aispine.flow.Node;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Approval nodes: asking for a human answer, the answer, the timeout and the cancellation. While it
 * waits, the node's output holds the pending approval's id (so that an answer to an older request
 * is fenced off) and its expiry.
 */
public final class Approvals {

  /** The error code of an approval nobody answered, when its {@code on_timeout} is {@code fail}. */
  public static final String APPROVAL_TIMEOUT = "APPROVAL_TIMEOUT";

  private static final String ID = "approval_id";
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private Approvals() {}

  /** The approval node at {@code path}, or null when that node is of another kind. */
  static ApprovalNode nodeAt(Draft d, String path) {
    Node node = d.locate(path).node();
    return node instanceof ApprovalNode approval ? approval : null;
  }

  /** The node became ready: it waits, and a pending approval is stored with this decision. */
  static void request(Draft d, String path, ApprovalNode node, NodeState state) {
    String message;
    try {
      Scope scope = d.locate(path).scope();
      message = text(Templates.resolve(node.message(), Names.of(d.before(), d.nodes(), scope)));
    } catch (ExpressionException e) {
      Failures.failFinally(
          d, path, node, state, ErrorInfo.permanent(Failures.EXPRESSION_ERROR, e.getMessage()));
      return;
    }
    Instant expiresAt = node.timeout() == null ? null : d.at().plus(node.timeout());
    String id = idFor(d.executionId(), path, d.nextSeq(), d.at());
    var pending = new LinkedHashMap<String, Object>(2);
    pending.put(ID, id);
    pending.put("expires_at", expiresAt == null ? null : expiresAt.toString());
    d.put(path, NodeMoves.waiting(state, pending, d.at()));
    d.command(new Command.RequestApproval(path, id, message, node.approvers(), d.at(), expiresAt));
    if (expiresAt != null) {
      d.command(new Command.StartTimer(path, expiresAt));
    }
    var data = new LinkedHashMap<String, Object>(4);
    data.put(ID, id);
    data.put("message", message);
    data.put("approvers", node.approvers());
    data.put("expires_at", expiresAt == null ? null : expiresAt.toString());
    d.emit(EventType.APPROVAL_REQUESTED, path, 0, data);
  }

  /**
   * Somebody answered: the node succeeds with the answer as its output. Fenced: only the pending
   * approval the node waits for can be answered, and only once.
   *
   * @return null when applied, else why the answer is refused
   */
  public static String answered(Draft d, Fact.ApprovalAnswered f) {
    ApprovalNode node = nodeAt(d, f.path());
    if (node == null) {
      return "node '" + f.path() + "' is not an approval";
    }
    NodeState state = d.node(f.path());
    if (state.status() != NodeStatus.WAITING) {
      return "approval "
          + f.approvalId()
          + " is no longer pending: node '"
          + f.path()
          + "' is "
          + state.status().wireName();
    }
    if (!f.approvalId().equals(pendingId(state))) {
      return "approval " + f.approvalId() + " is not the one node '" + f.path() + "' waits for";
    }
    var output = new LinkedHashMap<String, Object>(6);
    output.put("approved", f.approved());
    output.put("comment", f.comment());
    output.put("by", f.by());
    output.put("by_key", f.byKey());
    output.put("answered_at", f.at().toString());
    output.put("timed_out", false);
    var data = new LinkedHashMap<String, Object>(6);
    data.put(ID, f.approvalId());
    data.put("approved", f.approved());
    data.put("comment", f.comment());
    data.put("by", f.by());
    data.put("by_key", f.byKey());
    d.emit(EventType.APPROVAL_ANSWERED, f.path(), 0, data);
    ApprovalStatus status = f.approved() ? ApprovalStatus.APPROVED : ApprovalStatus.REJECTED;
    d.command(
        new Command.ResolveApproval(
            f.path(), f.approvalId(), status, f.comment(), f.by(), f.byKey(), f.at()));
    if (node.timeout() != null) {
      d.command(new Command.CancelTask(f.path())); // its expiry timer has nothing left to do
    }
    d.put(f.path(), NodeMoves.succeeded(state, output, f.at()));
    d.emit(EventType.NODE_COMPLETED, f.path(), 0, ReadyNodes.completedData(output));
    return null;
  }

  /** The expiry timer fired before anybody answered: {@code on_timeout} decides. */
  static void timedOut(Draft d, String path, ApprovalNode node, NodeState state) {
    String id = pendingId(state);
    var data = new LinkedHashMap<String, Object>(2);
    data.put(ID, id);
    data.put("on_timeout", node.onTimeout().yamlName());
    d.emit(EventType.APPROVAL_EXPIRED, path, 0, data);
    d.command(
        new Command.ResolveApproval(
            path, id, ApprovalStatus.EXPIRED, null, "timeout", null, d.at()));
    if (node.onTimeout() == ApprovalNode.OnTimeout.FAIL) {
      Failures.failFinally(
          d,
          path,
          node,
          state,
          ErrorInfo.permanent(
              APPROVAL_TIMEOUT,
              "approval '" + path + "' was not answered within its timeout " + node.timeout()));
      return;
    }
    var output = new LinkedHashMap<String, Object>(6);
    output.put("approved", node.onTimeout() == ApprovalNode.OnTimeout.APPROVE);
    output.put("comment", null);
    output.put("by", "timeout");
    output.put("by_key", null);
    output.put("answered_at", d.at().toString());
    output.put("timed_out", true);
    d.put(path, NodeMoves.succeeded(state, output, d.at()));
    d.emit(EventType.NODE_COMPLETED, path, 0, ReadyNodes.completedData(output));
  }

  /** The execution is cancelled while the node waits: its pending approval is closed too. */
  static void cancelled(Draft d, String path, NodeState state) {
    if (state.status() == NodeStatus.WAITING && nodeAt(d, path) != null) {
      d.command(
          new Command.ResolveApproval(
              path, pendingId(state), ApprovalStatus.CANCELLED, null, null, null, d.at()));
    }
  }

  private static String pendingId(NodeState state) {
    return state.output() instanceof Map<?, ?> pending ? (String) pending.get(ID) : null;
  }

  /**
   * The approval's id: a ULID whose time is when it was asked and whose random part is a hash of
   * the execution, the node path and the event's sequence number. Derived, not drawn, so that the
   * decider stays deterministic (a replay gives the same id) while every request, also a new one
   * after a retry of the execution, gets its own.
   */
  static String idFor(String executionId, String path, long seq, Instant at) {
    byte[] hash;
    try {
      hash =
          MessageDigest.getInstance("SHA-256")
              .digest((executionId + "/" + path + "/" + seq).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    byte[] random = java.util.Arrays.copyOf(hash, 10);
    return "ap_" + new Ulid(at.toEpochMilli(), random).toString().toLowerCase(Locale.ROOT);
  }

  /** A message that is one template of a number or object reads as its JSON text. */
  private static String text(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof String text) {
      return text;
    }
    try {
      return JSON.writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return String.valueOf(value);
    }
  }
}
