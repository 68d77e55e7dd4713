package io.aispine.flow;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A trigger that fires when an execution of another flow of the same workspace ends with one of the
 * given statuses.
 *
 * @param id the trigger's id
 * @param flow the id of the flow whose executions are watched
 * @param statuses the end statuses that fire ({@code succeeded}, {@code failed}, {@code cancelled})
 * @param inputs flow inputs, may read {@code outputs} (the ended execution's outputs), {@code
 *     execution} ({@code id}, {@code flow}, {@code version}, {@code status}) and {@code trigger}
 */
public record EventTrigger(String id, String flow, Set<String> statuses, Map<String, Object> inputs)
    implements Trigger {

  /** The end statuses a filter may name. */
  public static final java.util.List<String> STATUSES =
      java.util.List.of("succeeded", "failed", "cancelled");

  public EventTrigger {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(flow, "flow");
    statuses = Set.copyOf(statuses);
    inputs = TriggerReader.frozen(inputs);
  }
}
