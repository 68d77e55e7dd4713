package io.aispine.cli.output;

/**
 * How the commands that hints print should start, so that they work as printed: {@code
 * $AISPINE_COMMAND}, which {@code bin/aispine} sets to {@code aispine} when that is itself on the
 * PATH and to the path it was run by otherwise ({@code bin/aispine}), else {@code aispine}.
 */
public final class Hint {

  private Hint() {}

  /** {@code aispine}, or the path that runs this CLI when {@code aispine} is not on the PATH. */
  public static String aispine() {
    String command = System.getenv("AISPINE_COMMAND");
    return command == null || command.isBlank() ? "aispine" : command.strip();
  }
}
