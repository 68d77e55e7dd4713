package io.aispine.cli.key;

import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.output.Output;
import io.aispine.cli.remote.RemoteCommand;
import io.aispine.sdk.AispineClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code aispine keys revoke ID}. */
@Command(
    name = "revoke",
    mixinStandardHelpOptions = true,
    description = "Revoke a key: it answers 401 from now on.")
final class KeyRevokeCommand extends RemoteCommand {

  @Parameters(index = "0", paramLabel = "ID", description = "The key's id (key_…).")
  String id;

  @Override
  protected int run(AispineClient client, Output out) {
    client.revokeKey(id);
    if (!out.isJson()) {
      out.writer().println("revoked key " + id);
      out.writer().flush();
    }
    return ExitCodes.OK;
  }
}
