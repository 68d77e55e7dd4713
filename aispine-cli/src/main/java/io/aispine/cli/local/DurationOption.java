package io.aispine.cli.local;

import io.aispine.cli.command.CliException;
import io.aispine.cli.command.ExitCodes;
import io.aispine.flow.Durations;
import java.time.Duration;

/** Parses duration options with the same syntax as flows ({@code 30s}, {@code 5m}, {@code 1h}). */
final class DurationOption {
  private DurationOption() {}

  static Duration parse(String option, String text) {
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new CliException(
          ExitCodes.USAGE, option + " '" + text + "' is not a duration (examples: 30s, 5m, 1h)");
    }
  }
}
