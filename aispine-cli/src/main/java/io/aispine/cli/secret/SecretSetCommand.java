package io.aispine.cli.secret;

import io.aispine.api.Secret;
import io.aispine.cli.command.CliException;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.output.Output;
import io.aispine.cli.remote.RemoteCommand;
import io.aispine.sdk.AispineClient;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code aispine secrets set NAME [--from-file PATH]}: the value comes from a file, a hidden prompt
 * or standard input, never from an argument (which would land in the shell's history and in {@code
 * ps}).
 */
@Command(
    name = "set",
    mixinStandardHelpOptions = true,
    description = {
      "Set a secret. The value is read from --from-file, else from a hidden prompt on a terminal,"
          + " else from standard input (one trailing newline dropped): never from the command line.",
      "  printf %s \"$TOKEN\" | aispine secrets set API_TOKEN"
    })
final class SecretSetCommand extends RemoteCommand {

  /** Where a value is read from when no file is given; tests replace it. */
  static InputStream stdin = System.in;

  @Parameters(index = "0", paramLabel = "NAME", description = "The secret's name.")
  String name;

  @Option(
      names = "--from-file",
      paramLabel = "PATH",
      description = "Read the value from this file, exactly as it is.")
  Path file;

  @Override
  protected int run(AispineClient client, Output out) throws IOException {
    String value = value();
    if (value.isEmpty()) {
      throw new CliException(ExitCodes.USAGE, "the value of secret '" + name + "' is empty");
    }
    Secret info = client.setSecret(name, value);
    if (out.isJson()) {
      out.json(info);
      return ExitCodes.OK;
    }
    var fields = new LinkedHashMap<String, Object>();
    fields.put("name", info.name());
    fields.put("updated_at", info.updatedAt());
    fields.put("key_version", info.keyVersion());
    out.fields(fields);
    return ExitCodes.OK;
  }

  private String value() throws IOException {
    if (file != null) {
      if (!Files.isRegularFile(file)) {
        throw new CliException(ExitCodes.USAGE, "--from-file " + file + ": no such file");
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    }
    Console console = System.console();
    if (stdin == System.in && io.aispine.cli.output.Terminal.isTerminal(console)) {
      char[] typed = console.readPassword("value of %s (hidden): ", name);
      return typed == null ? "" : new String(typed);
    }
    String read = new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
    if (read.endsWith("\r\n")) {
      return read.substring(0, read.length() - 2);
    }
    return read.endsWith("\n") ? read.substring(0, read.length() - 1) : read;
  }
}
