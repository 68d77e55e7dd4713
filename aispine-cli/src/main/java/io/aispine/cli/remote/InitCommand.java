package io.aispine.cli.remote;

import io.aispine.cli.command.CliException;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.output.Hint;
import io.aispine.sdk.AispineClient;
import io.aispine.sdk.AispineException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aispine init}: saves the server URL and API key for every later remote command. */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = {
      "Save the server URL and API key for the remote commands.",
      "Writes ~/.aispine/config.yaml (mode 600; $AISPINE_CONFIG overrides the path), then checks"
          + " them. Without --token it reads the admin key that a local server wrote to"
          + " DATA_DIR/admin.key."
    })
public final class InitCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--url",
      paramLabel = "URL",
      description = "The server (default: http://127.0.0.1:9325).")
  String url;

  @Option(
      names = "--token",
      paramLabel = "KEY",
      description = "The API key (default: DATA_DIR/admin.key of a local server).")
  String token;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "The local server's data dir, to read admin.key from (default: $AISPINE_DATA_DIR or ./.aispine).")
  Path dataDir;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    String server =
        ServerConnection.normalise(url == null ? ServerConnection.DEFAULT_URL : url, "--url");
    String key = token == null ? null : token.strip();
    String keySource = "--token";
    if (key == null) {
      Path adminKey = ServerConnection.localAdminKey(dataDir);
      if (Files.isReadable(adminKey)) {
        key = ServerConnection.readKey(adminKey);
        keySource = adminKey.toString();
      } else if (dataDir != null) {
        throw new CliException(
            ExitCodes.USAGE,
            "no admin key at "
                + adminKey
                + ": start the server on that data dir first, or pass --token");
      } else {
        keySource = null;
      }
    }
    var config = new ConfigFile(ConfigFile.location(), server, key);
    config.write();
    out.println(
        "Wrote "
            + config.path()
            + " (mode 600): server "
            + server
            + (key == null ? ", no API key" : ", API key from " + keySource));
    if (key == null) {
      out.println(
          "No API key found: pass --token KEY, or start '"
              + Hint.aispine()
              + " server' here and run '"
              + Hint.aispine()
              + " init' again.");
    }
    out.println(check(server, key));
    out.flush();
    return ExitCodes.OK;
  }

  /** Tries the saved settings so that a mistake shows now, not at the first real command. */
  private static String check(String server, String key) {
    var connection = new ServerConnection(server, key, "--url", "--token");
    try (AispineClient client =
        AispineClient.builder()
            .baseUrl(server)
            .token(key)
            .connectTimeout(Duration.ofSeconds(2))
            .requestTimeout(Duration.ofSeconds(5))
            .build()) {
      client.listFlows();
      return "Checked: " + server + " answers and accepts the key.";
    } catch (AispineException e) {
      return "Warning: saved, but " + RemoteErrors.translate(e, connection).getMessage();
    }
  }
}
