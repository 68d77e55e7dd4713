package io.aispine.cli.key;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code aispine keys …}: the API keys of the caller's workspace. */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description =
        "Create, list and revoke the API keys of your workspace (admin key). A new key is shown"
            + " once; the server keeps only its hash and first characters.",
    subcommands = {KeyCreateCommand.class, KeyListCommand.class, KeyRevokeCommand.class})
public final class KeysCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
