package io.aispine.flow;

import java.util.Map;

/**
 * A way a flow starts by itself, declared under {@code triggers:} in its YAML: a cron {@link
 * ScheduleTrigger schedule}, a signed {@link WebhookTrigger webhook}, or the end of another flow's
 * execution ({@link EventTrigger event}). Only the newest approved version of a flow fires.
 */
public sealed interface Trigger permits ScheduleTrigger, WebhookTrigger, EventTrigger {

  /** The trigger's id, unique within its flow ({@code nightly}). */
  String id();

  /**
   * Flow input name to value or {@code ${…}} template, resolved when the trigger fires against the
   * names of its kind ({@code trigger}, and {@code payload}/{@code headers} or {@code
   * outputs}/{@code execution}).
   */
  Map<String, Object> inputs();

  /** The wire name of the trigger's kind: {@code schedule}, {@code webhook} or {@code event}. */
  default String kind() {
    return switch (this) {
      case ScheduleTrigger s -> "schedule";
      case WebhookTrigger w -> "webhook";
      case EventTrigger e -> "event";
    };
  }
}
