package io.aispine.cli.secret;

import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.output.Output;
import io.aispine.cli.remote.RemoteCommand;
import io.aispine.sdk.AispineClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code aispine secrets delete NAME}. */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description = "Delete a secret; nodes that use it then fail with SECRET_NOT_FOUND.")
final class SecretDeleteCommand extends RemoteCommand {

  @Parameters(index = "0", paramLabel = "NAME", description = "The secret's name.")
  String name;

  @Override
  protected int run(AispineClient client, Output out) {
    client.deleteSecret(name);
    if (!out.isJson()) {
      out.writer().println("deleted secret " + name);
      out.writer().flush();
    }
    return ExitCodes.OK;
  }
}
