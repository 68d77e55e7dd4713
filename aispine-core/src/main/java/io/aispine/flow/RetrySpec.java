package io.aispine.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * A {@code retry} block as written: every field may be absent, so that a node's block can override
 * the flow's {@code defaults} field by field before the policy is completed with built-in defaults.
 */
record RetrySpec(
    Integer maxAttempts,
    RetryPolicy.Backoff backoff,
    Duration initial,
    Duration max,
    Double multiplier,
    RetryPolicy.Jitter jitter) {

  static final RetrySpec EMPTY = new RetrySpec(null, null, null, null, null, null);

  static final List<String> FIELDS =
      List.of("max_attempts", "backoff", "initial", "max", "multiplier", "jitter");

  /** Built-in values for fields that neither the node nor the defaults set. */
  private static final int DEFAULT_MAX_ATTEMPTS = 3;

  private static final Duration DEFAULT_INITIAL = Duration.ofSeconds(1);
  private static final Duration DEFAULT_MAX = Duration.ofMinutes(1);
  private static final double DEFAULT_MULTIPLIER = 2.0;

  /** Reads a retry block; returns null when absent, reporting and skipping malformed fields. */
  static RetrySpec read(JsonNode value, String pointer, String owner, TreeReader reader) {
    if (value == null || value.isNull()) {
      return null;
    }
    ObjectNode block = reader.mapping(value, pointer, TreeReader.prefix(owner) + "retry");
    if (block == null) {
      return null;
    }
    String retryOwner = owner.isEmpty() ? "retry" : owner + " retry";
    String what = retryOwner + ": ";
    reader.rejectUnknownFields(block, pointer, FIELDS, retryOwner);
    Integer maxAttempts = null;
    JsonNode attempts = block.get("max_attempts");
    if (attempts != null) {
      if (attempts.canConvertToInt() && attempts.isIntegralNumber() && attempts.intValue() >= 1) {
        maxAttempts = attempts.intValue();
      } else {
        reader
            .problems()
            .value(
                LocatedYaml.child(pointer, "max_attempts"),
                what
                    + "max_attempts must be a whole number of at least 1, got "
                    + TreeReader.show(attempts));
      }
    }
    RetryPolicy.Backoff backoff =
        named(block, pointer, "backoff", RetryPolicy.Backoff.class, what, reader);
    RetryPolicy.Jitter jitter =
        named(block, pointer, "jitter", RetryPolicy.Jitter.class, what, reader);
    Duration initial = reader.duration(block, pointer, "initial", retryOwner);
    Duration max = reader.duration(block, pointer, "max", retryOwner);
    if (initial != null && max != null && max.compareTo(initial) < 0) {
      reader
          .problems()
          .value(
              LocatedYaml.child(pointer, "max"),
              what
                  + "max ("
                  + Durations.format(max)
                  + ") must not be shorter than initial ("
                  + Durations.format(initial)
                  + ")");
    }
    Double multiplier = null;
    JsonNode factor = block.get("multiplier");
    if (factor != null) {
      if (factor.isNumber() && factor.doubleValue() >= 1.0) {
        multiplier = factor.doubleValue();
      } else {
        reader
            .problems()
            .value(
                LocatedYaml.child(pointer, "multiplier"),
                what + "multiplier must be a number of at least 1, got " + TreeReader.show(factor));
      }
    }
    return new RetrySpec(maxAttempts, backoff, initial, max, multiplier, jitter);
  }

  /** This block with every field it leaves unset taken from {@code base}. */
  RetrySpec over(RetrySpec base) {
    if (base == null) {
      return this;
    }
    return new RetrySpec(
        maxAttempts != null ? maxAttempts : base.maxAttempts,
        backoff != null ? backoff : base.backoff,
        initial != null ? initial : base.initial,
        max != null ? max : base.max,
        multiplier != null ? multiplier : base.multiplier,
        jitter != null ? jitter : base.jitter);
  }

  /** The complete policy, with built-in defaults for unset fields. */
  RetryPolicy toPolicy() {
    Duration first = initial != null ? initial : DEFAULT_INITIAL;
    Duration cap = max != null ? max : DEFAULT_MAX;
    return new RetryPolicy(
        maxAttempts != null ? maxAttempts : DEFAULT_MAX_ATTEMPTS,
        backoff != null ? backoff : RetryPolicy.Backoff.EXPONENTIAL,
        first,
        // A cap below the first delay would silently shorten it; keep the written initial delay.
        cap.compareTo(first) < 0 ? first : cap,
        multiplier != null ? multiplier : DEFAULT_MULTIPLIER,
        jitter != null ? jitter : RetryPolicy.Jitter.FULL);
  }

  private static <E extends Enum<E>> E named(
      ObjectNode block,
      String pointer,
      String field,
      Class<E> type,
      String what,
      TreeReader reader) {
    JsonNode value = block.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    List<String> names =
        java.util.Arrays.stream(type.getEnumConstants())
            .map(e -> e.name().toLowerCase(Locale.ROOT))
            .toList();
    if (value.isTextual() && names.contains(value.textValue())) {
      return Enum.valueOf(type, value.textValue().toUpperCase(Locale.ROOT));
    }
    String typed = value.isTextual() ? value.textValue() : "";
    reader
        .problems()
        .value(
            LocatedYaml.child(pointer, field),
            what
                + field
                + " must be one of "
                + String.join(", ", names)
                + ", got "
                + TreeReader.show(value)
                + DidYouMean.hint(typed, names));
    return null;
  }
}
