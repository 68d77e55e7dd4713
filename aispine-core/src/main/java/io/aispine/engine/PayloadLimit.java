package io.aispine.engine;

import io.aispine.engine.internal.JsonSize;
import io.aispine.execution.ErrorInfo;
import java.util.Locale;
import java.util.Optional;

/**
 * The most a node's input or output, and an execution's inputs or outputs, may weigh as the compact
 * UTF-8 JSON the store writes. A value is measured by serialising it into a counter that stops
 * early, so a huge (or lazily huge) value is found out without ever being built.
 *
 * <p>The default is 1 MiB: the same bound as a request body of the API and of a served agent, so
 * whatever may be started or answered over HTTP also fits a node. A value is stored more than once
 * (attempt record, task, node state, event), all in the group commit that every execution shares,
 * so the bound also caps what one fact can make that commit write.
 *
 * @param bytes the largest size accepted
 */
public record PayloadLimit(long bytes) {

  /** The environment variable that sets the limit, named in every error about it. */
  public static final String SETTING = "AISPINE_MAX_NODE_PAYLOAD";

  /** 1 MiB. */
  public static final PayloadLimit DEFAULT = new PayloadLimit(1024 * 1024);

  /** The smallest limit accepted: 1 KiB. */
  public static final long MIN_BYTES = 1024;

  /** The largest limit accepted: 64 MiB, well under what either database holds in one value. */
  public static final long MAX_BYTES = 64L * 1024 * 1024;

  public PayloadLimit {
    if (bytes < MIN_BYTES || bytes > MAX_BYTES) {
      throw new IllegalArgumentException(
          SETTING
              + " must be from 1KiB to 64MiB, was "
              + bytes
              + " bytes; write a size like 1MiB, 512KiB or 1048576");
    }
  }

  /**
   * Reads a size: a number of bytes, or a number with {@code KiB}/{@code K} or {@code MiB}/{@code
   * M} (case-insensitive).
   *
   * @throws IllegalArgumentException naming {@value #SETTING} when the text is not such a size
   */
  public static PayloadLimit parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    long unit = 1;
    for (String suffix : new String[] {"mib", "m", "kib", "k"}) {
      if (t.endsWith(suffix)) {
        unit = suffix.startsWith("m") ? 1024 * 1024 : 1024;
        t = t.substring(0, t.length() - suffix.length()).strip();
        break;
      }
    }
    try {
      return new PayloadLimit(Math.multiplyExact(Long.parseLong(t), unit));
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException(
          SETTING + " must be a size like 1MiB, 512KiB or 1048576, was '" + text + "'", e);
    }
  }

  /** What a value is, for the error that names it: {@code node 'b' input}. */
  public enum Kind {
    INPUT("INPUT", "is"),
    OUTPUT("OUTPUT", "is"),
    EXECUTION_INPUTS("INPUT", "are"),
    EXECUTION_OUTPUTS("OUTPUT", "are");

    private final String codePrefix;
    private final String verb;

    Kind(String codePrefix, String verb) {
      this.codePrefix = codePrefix;
      this.verb = verb;
    }

    /** {@code INPUT_TOO_LARGE} or {@code OUTPUT_TOO_LARGE}. */
    public String tooLargeCode() {
      return codePrefix + "_TOO_LARGE";
    }

    /** {@code INPUT_NOT_JSON} or {@code OUTPUT_NOT_JSON}. */
    public String notJsonCode() {
      return codePrefix + "_NOT_JSON";
    }
  }

  /**
   * Checks a value against the limit.
   *
   * @param what names the value in the error: {@code node 'b' input}, {@code the inputs}
   * @return the permanent error when the value is too large or cannot be stored as JSON; empty when
   *     it fits
   */
  public Optional<ErrorInfo> check(Object value, Kind kind, String what) {
    JsonSize size = JsonSize.of(value, measuredUpTo());
    if (size.problem() != null) {
      return Optional.of(
          ErrorInfo.permanent(
              kind.notJsonCode(), what + " cannot be stored as JSON: " + size.problem()));
    }
    if (size.bytes() <= bytes) {
      return Optional.empty();
    }
    // just over the limit, rounded sizes would read alike ("1.0 MiB; the limit is 1 MiB"): bytes
    boolean close = size.complete() && size.bytes() - bytes < bytes / 20;
    String measured =
        close
            ? size.bytes() + " bytes"
            : (size.complete() ? "" : "more than ") + describe(size.bytes());
    String limit = close ? describe(bytes) + " = " + bytes + " bytes" : describe(bytes);
    return Optional.of(
        ErrorInfo.permanent(
            kind.tooLargeCode(),
            what
                + " "
                + kind.verb
                + " "
                + measured
                + "; the limit is "
                + limit
                + " ("
                + SETTING
                + ")"));
  }

  /**
   * How far a value over the limit is measured, so that the error can say how large it is: up to 16
   * times the limit, and at most 64 MiB past it.
   */
  private long measuredUpTo() {
    return Math.min(bytes * 16, bytes + MAX_BYTES);
  }

  /** This limit as text, e.g. {@code 1 MiB}. */
  @Override
  public String toString() {
    return describe(bytes);
  }

  /**
   * A size as people read it: {@code 900 bytes}, {@code 12.5 KiB}, {@code 1 MiB}, {@code 1.4 MiB}.
   */
  static String describe(long bytes) {
    if (bytes < 1024) {
      return bytes + " bytes";
    }
    boolean mebi = bytes >= 1024 * 1024;
    double amount = mebi ? bytes / (1024.0 * 1024.0) : bytes / 1024.0;
    String unit = mebi ? " MiB" : " KiB";
    if (bytes % (mebi ? 1024 * 1024 : 1024) == 0) {
      return (long) amount + unit;
    }
    return String.format(Locale.ROOT, "%.1f", amount) + unit;
  }
}
