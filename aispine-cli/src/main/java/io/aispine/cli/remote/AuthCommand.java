package io.aispine.cli.remote;

import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.output.Output;
import io.aispine.sdk.AispineClient;
import java.util.LinkedHashMap;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code aispine auth test}: checks that the server answers and accepts the API key. */
@Command(
    name = "auth",
    mixinStandardHelpOptions = true,
    description = "Check the connection to a server and its API key.",
    subcommands = {AuthCommand.Test.class})
public final class AuthCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code aispine auth test}. */
  @Command(
      name = "test",
      mixinStandardHelpOptions = true,
      description = {
        "Check that the server answers and accepts the API key.",
        "Says where the URL and key came from. Exit code 6 when the server cannot be reached,"
            + " 7 when the key is refused."
      })
  static final class Test extends RemoteCommand {

    @Override
    protected int run(AispineClient client, Output out) {
      // An authenticated read that every role may do: it proves the key, not just the process.
      int flows = client.listFlows().size();
      var result = new LinkedHashMap<String, Object>();
      result.put("url", server.url());
      result.put("url_from", server.urlSource());
      result.put("token_from", server.tokenSource());
      result.put("authenticated", true);
      result.put("flows", flows);
      if (out.isJson()) {
        out.json(result);
      } else {
        out.writer()
            .println("OK: " + server.url() + " accepted the API key from " + server.tokenSource());
        out.writer()
            .println("  server from: " + server.urlSource() + "; " + flows + " flow(s) deployed");
        out.writer().flush();
      }
      return ExitCodes.OK;
    }
  }
}
