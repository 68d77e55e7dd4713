package io.aispine.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.server.AispineServer;
import io.aispine.server.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server serves this module's production build at {@code /} (it is on the class path here, as
 * in the distribution): files without a key, pages of the app as index.html, hashed assets cached
 * for good, and the API still behind its key with its own 404s.
 */
class ConsoleServingTest {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir static Path dataDir;
  private static AispineServer server;

  @BeforeAll
  static void start() {
    server = AispineServer.start(new ServerConfig("127.0.0.1", 0, dataDir, null));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void serves_the_console_at_the_root_without_a_key_and_says_where() throws Exception {
    assertThat(server.consoleUrl()).contains("http://127.0.0.1:" + server.port() + "/");

    HttpResponse<String> index = get("/", "text/html");

    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(index.headers().firstValue("Cache-Control")).contains("no-cache");
    assertThat(index.body()).contains("<div id=\"root\"></div>");
    // only the console's own scripts run where the key is, and no other site frames it
    assertThat(index.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("script-src 'self';", "frame-ancestors 'none'", "connect-src 'self'");
    assertThat(index.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
  }

  @Test
  void answers_the_apps_own_pages_with_index_html() throws Exception {
    for (String page : new String[] {"/executions/ex_01JX", "/flows/hello/1.0.0", "/approvals"}) {
      HttpResponse<String> answer = get(page, "text/html,application/xhtml+xml");

      assertThat(answer.statusCode()).as(page).isEqualTo(200);
      assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
      assertThat(answer.body()).as(page).contains("<div id=\"root\"></div>");
      assertThat(answer.headers().firstValue("Content-Security-Policy")).as(page).isPresent();
    }
  }

  @Test
  void caches_hashed_assets_for_good_with_their_content_types() throws Exception {
    String index = get("/", "text/html").body();
    var script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(index);
    var style = Pattern.compile("href=\"(/assets/[^\"]+\\.css)\"").matcher(index);
    assertThat(script.find()).as("a script in " + index).isTrue();
    assertThat(style.find()).as("a stylesheet in " + index).isTrue();

    HttpResponse<String> js = get(script.group(1), "*/*");
    HttpResponse<String> css = get(style.group(1), "text/css");

    assertThat(js.statusCode()).isEqualTo(200);
    assertThat(js.headers().firstValue("Content-Type").orElseThrow()).contains("javascript");
    assertThat(js.headers().firstValue("Cache-Control"))
        .contains("public, max-age=31536000, immutable");
    assertThat(css.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/css");
    assertThat(get("/favicon.svg", "*/*").headers().firstValue("Content-Type").orElseThrow())
        .startsWith("image/svg+xml");
    assertThat(get("/assets/index-missing.js", "*/*").statusCode()).isEqualTo(404);
  }

  @Test
  void keeps_the_api_behind_its_key_and_its_unknown_routes_as_404_problems() throws Exception {
    HttpResponse<String> noKey = get("/api/v1/flows", "application/json");
    HttpResponse<String> unknown = get("/api/v1/no-such-route", "text/html");
    HttpResponse<String> openApi = get("/openapi.json", "application/json");

    assertThat(noKey.statusCode()).isEqualTo(401);
    // a browser asking for a page under /api/ gets the API's problem, never the console
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(unknown.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    HttpResponse<String> unknownServerPath = get("/metrics/nothing-here", "text/html");
    assertThat(unknownServerPath.statusCode()).isEqualTo(404);
    assertThat(unknownServerPath.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    assertThat(openApi.body()).startsWith("{");
  }

  private static HttpResponse<String> get(String path, String accept)
      throws IOException, InterruptedException {
    var request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .header("Accept", accept)
            .timeout(Duration.ofSeconds(10))
            .GET()
            .build();
    return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
