package io.aispine.cli.secret;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code aispine secrets …}: the server's secrets, write-only. */
@Command(
    name = "secrets",
    mixinStandardHelpOptions = true,
    description =
        "Set, list, delete and rotate the server's secrets (admin key). Values are never shown;"
            + " flows use them as ${secrets.NAME} in a task node's with.",
    subcommands = {
      SecretSetCommand.class,
      SecretListCommand.class,
      SecretDeleteCommand.class,
      SecretRotateCommand.class
    })
public final class SecretsCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
