package io.aispine.cli.key;

import io.aispine.api.ApiKeyInfo;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.output.Output;
import io.aispine.cli.remote.RemoteCommand;
import io.aispine.sdk.AispineClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code aispine keys list}. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the keys of your workspace: id, prefix, name, role, expiry, last use.")
final class KeyListCommand extends RemoteCommand {

  @Override
  protected int run(AispineClient client, Output out) {
    List<ApiKeyInfo> keys = client.listKeys();
    if (out.isJson()) {
      out.json(Map.of("items", keys));
      return ExitCodes.OK;
    }
    out.table(
        List.of("ID", "PREFIX", "NAME", "ROLE", "EXPIRES", "REVOKED", "LAST USED"),
        keys.stream()
            .map(
                k ->
                    List.of(
                        k.id(),
                        k.prefix() == null ? "-" : k.prefix() + "…",
                        k.name(),
                        k.role(),
                        text(k.expiresAt()),
                        text(k.revokedAt()),
                        text(k.lastUsedAt())))
            .toList(),
        "no keys");
    return ExitCodes.OK;
  }

  private static String text(Instant at) {
    return at == null ? "-" : at.toString();
  }
}
