package io.aispine.cli.command;

/** A problem the user can fix, reported as one clear message and an exit code, no stack trace. */
public final class CliException extends RuntimeException {
  private final int exitCode;

  public CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
