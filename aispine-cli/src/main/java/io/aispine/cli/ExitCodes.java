package io.aispine.cli;

/** The CLI's exit codes, documented in {@code aispine --help} and docs/cli.md. */
final class ExitCodes {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;
  static final int INVALID_INPUTS = 3;
  static final int CANCELLED = 4;
  static final int ENVIRONMENT = 5;

  private ExitCodes() {}
}
