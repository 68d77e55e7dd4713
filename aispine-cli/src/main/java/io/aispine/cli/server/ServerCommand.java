package io.aispine.cli.server;

import io.aispine.cli.command.CliException;
import io.aispine.cli.command.ExitCodes;
import io.aispine.cli.command.LogSettings;
import io.aispine.cli.local.StoreOptions;
import io.aispine.cli.output.Terminal;
import io.aispine.server.AispineServer;
import io.aispine.server.ServerConfig;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code aispine server}: serves the REST API until SIGTERM or SIGINT, then shuts down gracefully
 * (running attempts get the engine's grace period; unfinished work resumes on the next start).
 */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = {
      "Run the AI Spine server: REST API /api/v1, live events, /metrics and /openapi.json.",
      "On the first start it creates an admin API key, prints it once and saves it to admin.key in"
          + " the data dir (mode 600). Stop it with Ctrl-C or SIGTERM."
    })
public final class ServerCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--host",
      defaultValue = "${env:AISPINE_HOST:-127.0.0.1}",
      paramLabel = "HOST",
      description = "Interface to listen on (default: $AISPINE_HOST or 127.0.0.1).")
  String host;

  @Option(
      names = "--port",
      defaultValue = "${env:AISPINE_PORT:-9325}",
      paramLabel = "PORT",
      description = "TCP port, 0 for a free one (default: $AISPINE_PORT or 9325).")
  int port;

  @ArgGroup(exclusive = false)
  StoreOptions store = new StoreOptions();

  @Override
  public Integer call() throws InterruptedException {
    var out = spec.commandLine().getOut();
    StoreOptions options = store == null ? new StoreOptions() : store;
    String dbUrl = options.effectiveDbUrl();
    // with a database URL the data dir only holds admin.key: given, or ./.aispine
    Path dataDir = dbUrl == null ? options.effectiveDataDir() : explicitDataDir(options);
    if (port < 0 || port > 65535) {
      throw new CliException(ExitCodes.USAGE, "--port must be from 0 to 65535, got " + port);
    }
    // a server's log is what its operator follows: lifecycle lines (INFO), JSON for collectors
    LogSettings.forServer(System.getenv(), Terminal.isTerminal(System.console())).apply();
    AispineServer server;
    try {
      server = AispineServer.start(new ServerConfig(host, port, dataDir, dbUrl));
    } catch (UncheckedIOException e) {
      throw new CliException(ExitCodes.ENVIRONMENT, e.getMessage());
    }
    var stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    server.close();
                  } finally {
                    stopped.countDown();
                  }
                },
                "aispine-server-shutdown"));
    server
        .adminKeyCreated()
        .ifPresent(
            key ->
                out.println(
                    "Created the admin API key (shown only this once): "
                        + key
                        + System.lineSeparator()
                        + "It is saved in "
                        + server.adminKeyFile()
                        + " (readable only by you); the server keeps only its SHA-256."));
    out.println("AI Spine server listening on http://" + host + ":" + server.port());
    out.println(
        server
            .consoleUrl()
            .map(url -> "Web console: " + url + " (sign in with an API key)")
            .orElse("Web console: not installed (the aispine-ui jar is not on the class path)"));
    out.println(
        "Store: "
            + (dbUrl != null
                ? "database URL (AISPINE_DB_URL / --db-url)"
                : dataDir.toAbsolutePath())
            + "; admin key file: "
            + server.adminKeyFile());
    out.println("Stop with Ctrl-C or SIGTERM.");
    out.flush();
    stopped.await();
    return ExitCodes.OK;
  }

  private static Path explicitDataDir(StoreOptions options) {
    if (options.dataDir != null) {
      return options.dataDir;
    }
    String env = System.getenv("AISPINE_DATA_DIR");
    return env == null || env.isBlank() ? null : Path.of(env);
  }
}
