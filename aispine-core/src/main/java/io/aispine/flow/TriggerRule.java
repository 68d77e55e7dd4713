package io.aispine.flow;

/**
 * When a node may run, given the outcomes of the nodes it {@code needs}.
 *
 * <p>A parent that failed but whose failure was handled with {@code continue_on_error} counts as
 * succeeded here.
 */
public enum TriggerRule {
  /** Every parent succeeded (the default). Skipped if any parent was skipped or failed. */
  ALL_SUCCESS("all_success"),
  /** Every parent finished, whatever its outcome. */
  ALL_DONE("all_done"),
  /** At least one parent succeeded; runs as soon as the first one does. */
  ONE_SUCCESS("one_success"),
  /** Every parent finished and none failed (skipped parents are fine). */
  NONE_FAILED("none_failed");

  private final String yamlName;

  TriggerRule(String yamlName) {
    this.yamlName = yamlName;
  }

  /** The name used in flow YAML. */
  public String yamlName() {
    return yamlName;
  }

  /** The rule named {@code name} in YAML, or null when there is none. */
  public static TriggerRule fromYaml(String name) {
    for (TriggerRule rule : values()) {
      if (rule.yamlName.equals(name)) {
        return rule;
      }
    }
    return null;
  }
}
