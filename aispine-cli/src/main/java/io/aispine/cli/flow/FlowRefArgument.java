package io.aispine.cli.flow;

import io.aispine.cli.command.CliException;
import io.aispine.cli.command.ExitCodes;

/** A flow version named on the command line as {@code ID@VERSION} ({@code kyc@1.2.0}). */
record FlowRefArgument(String id, String version) {

  /**
   * The reference in {@code text}.
   *
   * @throws CliException (usage) when it is not {@code ID@VERSION}
   */
  static FlowRefArgument parse(String text) {
    int at = text.lastIndexOf('@');
    if (at <= 0 || at == text.length() - 1) {
      throw new CliException(
          ExitCodes.USAGE,
          "name the flow version as ID@VERSION, e.g. kyc@1.2.0, got '"
              + text
              + "' ('aispine flow show ID' lists the versions)");
    }
    return new FlowRefArgument(text.substring(0, at), text.substring(at + 1));
  }

  @Override
  public String toString() {
    return id + "@" + version;
  }
}
