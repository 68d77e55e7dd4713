package io.aispine.kyc.mrz;

import java.util.List;
import java.util.Map;

/**
 * What was read from a machine-readable zone.
 *
 * @param format the layout the lines fit
 * @param lines the lines after repairs
 * @param checks each check digit by field ({@code document_number}, {@code birth_date} …) and
 *     whether it verified
 * @param corrections how many characters the position-aware repairs changed
 * @param data the decoded fields, or null when a date could not be decoded
 */
public record MrzReading(
    MrzFormat format,
    List<String> lines,
    Map<String, Boolean> checks,
    int corrections,
    MrzData data) {

  public MrzReading {
    lines = List.copyOf(lines);
    checks = Map.copyOf(checks);
  }

  /** Whether every check digit verified and every field decoded. */
  public boolean valid() {
    return data != null && !checks.isEmpty() && !checks.containsValue(false);
  }

  /** Number of check digits that verified. */
  public long passedChecks() {
    return checks.values().stream().filter(Boolean::booleanValue).count();
  }
}
