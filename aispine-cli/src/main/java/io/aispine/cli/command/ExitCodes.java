package io.aispine.cli.command;

/** The CLI's exit codes, documented in {@code aispine --help} and docs/cli.md. */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;
  public static final int INVALID_INPUTS = 3;
  public static final int CANCELLED = 4;
  public static final int ENVIRONMENT = 5;

  /** The server could not be reached (refused, unknown host, timed out). */
  public static final int UNREACHABLE = 6;

  /** The server refused the API key (401 or 403). */
  public static final int AUTH = 7;

  /** No such flow, version, execution or agent on the server (404). */
  public static final int NOT_FOUND = 8;

  private ExitCodes() {}
}
