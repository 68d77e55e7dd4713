package io.aispine.cli.secret;

import io.aispine.api.Secret;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.output.Output;
import io.aispine.cli.remote.RemoteCommand;
import io.aispine.sdk.AispineClient;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code aispine secrets list}: names, times and key versions; never a value. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the secrets: name, when set, key version (values are never shown).")
final class SecretListCommand extends RemoteCommand {

  @Override
  protected int run(AispineClient client, Output out) {
    List<Secret> secrets = client.listSecrets();
    if (out.isJson()) {
      out.json(Map.of("items", secrets));
      return ExitCodes.OK;
    }
    out.table(
        List.of("NAME", "CREATED", "UPDATED", "KEY"),
        secrets.stream()
            .map(
                s ->
                    List.of(
                        s.name(),
                        s.createdAt().toString(),
                        s.updatedAt().toString(),
                        Long.toString(s.keyVersion())))
            .toList(),
        "no secrets; set one with: aispine secrets set NAME");
    return ExitCodes.OK;
  }
}
