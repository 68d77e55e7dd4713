package io.aispine.cli.secret;

import io.aispine.api.SecretRotation;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.output.Output;
import io.aispine.cli.remote.RemoteCommand;
import io.aispine.sdk.AispineClient;
import java.util.LinkedHashMap;
import picocli.CommandLine.Command;

/** {@code aispine secrets rotate}: a new primary key, every secret re-encrypted under it. */
@Command(
    name = "rotate",
    mixinStandardHelpOptions = true,
    description =
        "Add a new primary key to the server's keyset and re-encrypt every secret under it (one"
            + " transaction). Back up the keyset file afterwards.")
final class SecretRotateCommand extends RemoteCommand {

  @Override
  protected int run(AispineClient client, Output out) {
    SecretRotation rotation = client.rotateSecrets();
    if (out.isJson()) {
      out.json(rotation);
      return ExitCodes.OK;
    }
    var fields = new LinkedHashMap<String, Object>();
    fields.put("key_version", rotation.keyVersion());
    fields.put("reencrypted", rotation.reencrypted());
    out.fields(fields);
    return ExitCodes.OK;
  }
}
