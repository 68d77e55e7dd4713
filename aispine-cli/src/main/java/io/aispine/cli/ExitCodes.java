package io.aispine.cli;

/** The CLI's exit codes, documented in {@code aispine --help} and docs/cli.md. */
final class ExitCodes {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;
  static final int INVALID_INPUTS = 3;
  static final int CANCELLED = 4;
  static final int ENVIRONMENT = 5;

  /** The server could not be reached (refused, unknown host, timed out). */
  static final int UNREACHABLE = 6;

  /** The server refused the API key (401 or 403). */
  static final int AUTH = 7;

  /** No such flow, version, execution or agent on the server (404). */
  static final int NOT_FOUND = 8;

  private ExitCodes() {}
}
