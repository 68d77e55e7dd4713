package io.aispine.cli.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.cli.Main;
import io.aispine.server.AispineServer;
import io.aispine.server.ServerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aispine triggers …} in-process against a real server on a random port. */
class TriggerCommandsTest {

  private static final String FLOW =
      """
      id: nightly-report
      version: 1.0.0
      triggers:
        - {id: nightly, type: schedule, cron: "0 2 * * *", timezone: Europe/Paris}
        - {id: push, type: webhook, secret: HOOK_SECRET}
      nodes:
        - {id: a, agent: echo}
      """;

  @TempDir Path dataDir;
  @TempDir Path home;

  private AispineServer server;
  private String url;
  private String key;

  @BeforeEach
  void start() throws Exception {
    System.setProperty("aispine.config", home.resolve("config.yaml").toString());
    server = AispineServer.start(new ServerConfig("127.0.0.1", 0, dataDir, null));
    url = "http://127.0.0.1:" + server.port();
    key = server.adminKeyCreated().orElseThrow();
    HttpResponse<String> deployed =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url + "/api/v1/flows?approve=true"))
                    .header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/yaml")
                    .POST(HttpRequest.BodyPublishers.ofString(FLOW))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(201);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    System.clearProperty("aispine.config");
  }

  private record Run(int exitCode, String out, String err) {}

  private Run triggers(String... args) {
    var all = new ArrayList<>(List.of("triggers"));
    all.addAll(List.of(args));
    all.addAll(List.of("--url", url, "--token", key));
    var out = new StringWriter();
    var err = new StringWriter();
    var cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(all.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void lists_shows_next_fires_pauses_and_resumes() {
    Run list = triggers("list");
    assertThat(list.exitCode()).as(list.err()).isZero();
    assertThat(list.out())
        .contains("nightly-report.nightly")
        .contains("0 2 * * * (Europe/Paris)")
        .contains("nightly-report.push")
        .contains("POST /hooks/default/nightly-report.push");

    Run next = triggers("next", "nightly-report.nightly", "-n", "3", "-o", "json");
    assertThat(next.exitCode()).as(next.err()).isZero();
    assertThat(next.out()).contains("\"fires\"").containsPattern("T0[01]:00:00Z");

    Run paused = triggers("pause", "nightly-report.nightly");
    assertThat(paused.exitCode()).as(paused.err()).isZero();
    assertThat(paused.out()).contains("paused").contains("yes");
    assertThat(triggers("next", "nightly-report.nightly").out()).contains("is paused");
    Run resumed = triggers("resume", "nightly-report.nightly");
    assertThat(resumed.out()).contains("next fire");

    Run missing = triggers("pause", "nightly-report.nope");
    assertThat(missing.exitCode()).isNotZero();
    assertThat(missing.err()).contains("no trigger 'nightly-report.nope'");
  }
}
