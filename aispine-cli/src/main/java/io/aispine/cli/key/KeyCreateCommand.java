package io.aispine.cli.key;

import io.aispine.api.ApiKeyInfo;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.output.Output;
import io.aispine.cli.remote.RemoteCommand;
import io.aispine.sdk.AispineClient;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aispine keys create NAME --role ROLE}: prints the new key once. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = "Create an API key and print it (this is the only time it is shown).")
final class KeyCreateCommand extends RemoteCommand {

  @Parameters(index = "0", paramLabel = "NAME", description = "What the key is for, e.g. ci.")
  String name;

  @Option(
      names = "--role",
      required = true,
      description = "admin, operator or viewer.",
      paramLabel = "ROLE")
  String role;

  @Option(
      names = "--expires",
      description = "When the key stops working (RFC 3339, e.g. 2027-06-30T00:00:00Z).",
      paramLabel = "TIME")
  Instant expires;

  @Option(
      names = "--workspace",
      description = "Create it in this workspace (the owner key only; default: your own).",
      paramLabel = "ID")
  String workspace;

  @Override
  protected int run(AispineClient client, Output out) {
    ApiKeyInfo key = client.createKey(name, role, expires, workspace);
    if (out.isJson()) {
      out.json(key);
      return ExitCodes.OK;
    }
    out.writer().println(key.key());
    out.writer()
        .println(
            "created "
                + key.role()
                + " key "
                + key.id()
                + " in workspace "
                + key.workspace()
                + "; it is not shown again, store it now");
    out.writer().flush();
    return ExitCodes.OK;
  }
}
