package io.aispine.cli.remote;

import io.aispine.cli.output.Output;
import io.aispine.cli.output.OutputFormat;
import io.aispine.sdk.AispineClient;
import io.aispine.sdk.AispineException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A command that talks to a server: resolves the URL and key, opens a client, and turns SDK
 * failures into messages that say what to do. Subclasses implement {@link #run}.
 */
public abstract class RemoteCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--url",
      paramLabel = "URL",
      description =
          "The server (default: $AISPINE_URL, else the config file, else http://127.0.0.1:9325).")
  String url;

  @Option(
      names = "--token",
      paramLabel = "KEY",
      description =
          "The API key (default: $AISPINE_TOKEN, else the config file, else a local server's .aispine/admin.key).")
  String token;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "text",
      paramLabel = "FORMAT",
      converter = OutputFormat.Converter.class,
      description =
          "text (default: columns or key: value lines) or json (the API's JSON); table means text.")
  OutputFormat output;

  /** The server and key this invocation uses, resolved before {@link #run}. */
  protected ServerConnection server;

  /** Runs the command against {@code client}; returns the exit code. */
  protected abstract int run(AispineClient client, Output out) throws Exception;

  @Override
  public final Integer call() throws Exception {
    server = ServerConnection.resolve(url, token);
    try (AispineClient client = server.client()) {
      return run(client, new Output(spec.commandLine().getOut(), output));
    } catch (AispineException e) {
      throw RemoteErrors.translate(e, server);
    }
  }

  protected PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
