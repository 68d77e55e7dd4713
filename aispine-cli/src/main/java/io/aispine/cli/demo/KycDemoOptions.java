package io.aispine.cli.demo;

import io.aispine.cli.command.CliException;
import io.aispine.cli.command.ExitCodes;
import picocli.CommandLine.Option;

/** The options of the KYC showcase, shared by {@code aispine demo} and {@code aispine demo kyc}. */
public final class KycDemoOptions {

  @Option(
      names = "--guests",
      defaultValue = "7",
      paramLabel = "N",
      description =
          "How many guests send a photo (default: ${DEFAULT-VALUE}, one of each situation: valid,"
              + " front-desk review, expired, name mismatch, date-of-birth mismatch, unreadable,"
              + " not a document).")
  int guests;

  @Option(names = "--no-kill", negatable = false, description = "Do not kill the server midway.")
  void noKill(boolean noKill) {
    kill = !noKill;
  }

  boolean kill = true;

  @Option(
      names = "--stay",
      negatable = false,
      description =
          "After the summary, keep the server and its web console running (with the demo's"
              + " executions in it) until Ctrl-C.")
  boolean stay;

  @Option(
      names = "--seed",
      defaultValue = "7",
      paramLabel = "SEED",
      description = "Seed of the generated guests: the same seed, the same photos and bookings.")
  long seed;

  @Option(
      names = "--timeout",
      defaultValue = "420",
      paramLabel = "SECONDS",
      description =
          "Give up when the guests are not all answered after SECONDS (default: ${DEFAULT-VALUE}).")
  int timeout;

  @Option(
      names = "--start-timeout",
      defaultValue = "120",
      paramLabel = "SECONDS",
      description = "How long the server may take to start (default: ${DEFAULT-VALUE}).")
  int startTimeout;

  /** Rejects values the demo cannot run with. */
  void validate() {
    if (guests < 1 || guests > 50) {
      throw new CliException(ExitCodes.USAGE, "--guests must be from 1 to 50, got " + guests);
    }
    if (timeout < 1 || startTimeout < 1) {
      throw new CliException(ExitCodes.USAGE, "--timeout and --start-timeout must be positive");
    }
  }
}
