package io.aispine.cli.demo;

import io.aispine.api.Execution;
import io.aispine.api.NodeRun;
import io.aispine.api.NodeState;
import io.aispine.standin.whatsapp.SentMessage;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where one guest of the demo stands, read from the guest's execution (through the API) and from
 * what the stand-in WhatsApp recorded as sent to them: received → reading → matched (or unreadable,
 * not a document) → front desk → answered.
 */
final class GuestProgress {

  /** The nodes of kyc_onboarding that answer the guest. */
  static final List<String> REPLIES =
      List.of("confirm", "refuse", "ask_again", "hand_over", "no_booking");

  private final DemoGuest guest;
  private long deliveredAt;
  private String executionId;
  private Execution execution;
  private List<SentMessage> replies = List.of();
  private long answeredAt;
  private String stage = "waiting";
  private boolean reviewed;

  GuestProgress(DemoGuest guest) {
    this.guest = guest;
  }

  DemoGuest guest() {
    return guest;
  }

  /**
   * The webhook carrying the guest's photo was posted at {@code nanos} ({@link System#nanoTime}).
   */
  void delivered(long nanos) {
    deliveredAt = nanos;
    stage = "received";
  }

  boolean wasDelivered() {
    return deliveredAt != 0;
  }

  long deliveredAt() {
    return deliveredAt;
  }

  String executionId() {
    return executionId;
  }

  void executionId(String id) {
    executionId = id;
  }

  Execution execution() {
    return execution;
  }

  /**
   * Takes the execution's state and the replies seen at {@code nanos}; returns the new stage when
   * it moved, to be printed.
   */
  Optional<String> update(Execution now, List<SentMessage> sent, long nanos) {
    execution = now;
    if (!sent.isEmpty() && replies.isEmpty()) {
      answeredAt = nanos;
    }
    replies = List.copyOf(sent);
    String next = stage(now);
    if (next.equals(stage)) {
      return Optional.empty();
    }
    stage = next;
    return Optional.of(next);
  }

  private String stage(Execution now) {
    if (!replies.isEmpty()) {
      return "answered";
    }
    if (now == null) {
      return "received";
    }
    Map<String, NodeState> nodes = nodes(now);
    NodeState desk = nodes.get("front_desk");
    if (desk != null && "waiting".equals(desk.status())) {
      return "front desk";
    }
    if (desk != null && "succeeded".equals(desk.status())) {
      return "reviewed";
    }
    NodeState match = nodes.get("match");
    if (match != null && "succeeded".equals(match.status())) {
      return "matched";
    }
    NodeState ocr = nodes.get("ocr");
    if (ocr == null) {
      return "received";
    }
    return switch (ocr.status()) {
      case "succeeded" ->
          ocr.output() instanceof Map<?, ?> out && Boolean.FALSE.equals(out.get("readable"))
              ? "unreadable"
              : "read";
      case "failed" -> "not a document";
      case "running", "retrying" -> "reading";
      default -> "received";
    };
  }

  /** What the printed stage line says beyond the stage's name. */
  String detail() {
    Map<String, NodeState> nodes = execution == null ? Map.of() : nodes(execution);
    return switch (stage) {
      case "reading" -> {
        NodeState ocr = nodes.get("ocr");
        yield "ocr"
            + (ocr != null && ocr.attempts() > 1 ? " (attempt " + ocr.attempts() + ")" : "")
            + " reads the "
            + guest.layout();
      }
      case "matched" -> {
        Object out = nodes.get("match").output();
        yield out instanceof Map<?, ?> m
            ? "kyc-match: " + m.get("verdict") + ", score " + score(m.get("score"))
            : "kyc-match done";
      }
      case "not a document" -> {
        NodeState ocr = nodes.get("ocr");
        yield ocr.error() == null ? "ocr failed" : "ocr: " + ocr.error().code();
      }
      case "read" -> {
        Object out = nodes.get("ocr").output();
        yield out instanceof Map<?, ?> m && m.get("fields") instanceof Map<?, ?> f
            ? "ocr read "
                + f.get("surname")
                + ", "
                + f.get("given_names")
                + " from the "
                + m.get("source")
            : "ocr read the document";
      }
      case "unreadable" -> "ocr could not read the zones";
      case "front desk" -> "waits for a person (approval for the operator role)";
      case "reviewed" -> "the front desk answered the approval";
      case "answered" -> "\"" + abbreviate(replies.getFirst().text(), 70) + "\"";
      default -> "";
    };
  }

  /** The reply node that ran, or null while none did. */
  String replyNode() {
    if (execution == null) {
      return null;
    }
    Map<String, NodeState> nodes = nodes(execution);
    return REPLIES.stream()
        .filter(n -> nodes.containsKey(n) && "succeeded".equals(nodes.get(n).status()))
        .findFirst()
        .orElse(null);
  }

  /** Whether the guest's front-desk approval waits for a person. */
  boolean waitsForFrontDesk() {
    if (execution == null || reviewed) {
      return false;
    }
    NodeState desk = nodes(execution).get("front_desk");
    return desk != null && "waiting".equals(desk.status());
  }

  void reviewed() {
    reviewed = true;
  }

  boolean wasReviewed() {
    return reviewed;
  }

  /** Answered and its execution over: nothing more will happen. */
  boolean finished() {
    return !replies.isEmpty() && execution != null && execution.status().terminal();
  }

  boolean answered() {
    return !replies.isEmpty();
  }

  /** Delivered and not answered yet. */
  boolean inFlight() {
    return wasDelivered() && replies.isEmpty();
  }

  List<SentMessage> replies() {
    return replies;
  }

  String stage() {
    return stage;
  }

  /** From the webhook to the first reply, in milliseconds. */
  long millisToReply() {
    return (answeredAt - deliveredAt) / 1_000_000;
  }

  /**
   * How long Tesseract took on the photo's page, as the ocr agent reports it; else the ocr node's
   * last attempt (a photo that is no document); -1 when it did not run.
   */
  long ocrMillis() {
    NodeState ocr = execution == null ? null : nodes(execution).get("ocr");
    if (ocr == null || ocr.runs().isEmpty()) {
      return -1;
    }
    if (ocr.output() instanceof Map<?, ?> out
        && out.get("ocr_ms_per_page") instanceof List<?> pages
        && !pages.isEmpty()
        && pages.getFirst() instanceof Number ms) {
      return ms.longValue();
    }
    NodeRun last = ocr.runs().getLast();
    return last.durationMs() == null ? -1 : last.durationMs();
  }

  /** Whether the guest got the answer their situation calls for. */
  boolean asExpected() {
    return guest.situation().reply().equals(replyNode())
        && (guest.situation() != DemoGuest.Situation.REVIEW || reviewed);
  }

  static String score(Object score) {
    return score instanceof Number n ? String.format(java.util.Locale.ROOT, "%.2f", n) : "?";
  }

  static String abbreviate(String text, int max) {
    if (text == null) {
      return "";
    }
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  private static Map<String, NodeState> nodes(Execution e) {
    var byPath = new java.util.LinkedHashMap<String, NodeState>();
    e.nodes().forEach(n -> byPath.put(n.path(), n));
    return byPath;
  }
}
