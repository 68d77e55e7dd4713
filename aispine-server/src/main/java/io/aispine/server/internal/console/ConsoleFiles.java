package io.aispine.server.internal.console;

import io.aispine.api.Problem;
import io.aispine.server.internal.http.ProblemException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The web console at {@code /}: the production build that the {@code aispine-ui} jar carries under
 * {@value #ROOT} on the class path. Its files need no key (they hold no data; every API call they
 * make sends one). Paths that are no file are the console's own pages and get {@code index.html};
 * the API, metrics and OpenAPI paths never do.
 */
public final class ConsoleFiles {

  /** Where the console's files are on the class path. */
  public static final String ROOT = "aispine-console";

  /** Vite names these by their content's hash: they may be cached for good. */
  static final String ASSETS = "/assets";

  static final String IMMUTABLE = "public, max-age=31536000, immutable";

  /** index.html and unhashed files: always ask whether they changed (a new build may have). */
  static final String REVALIDATE = "no-cache";

  /**
   * The console holds an API key in the tab: only its own scripts may run (no inline or foreign
   * script that could read the key), it talks only to its own origin, and no other site may frame
   * it (a framed Approve button could be clicked for someone). Inline styles are allowed: the graph
   * positions its nodes with them.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
          + " img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none';"
          + " form-action 'self'";

  private static final Map<String, String> PAGE_HEADERS =
      Map.of(
          "Cache-Control",
          REVALIDATE,
          "Content-Security-Policy",
          CONTENT_SECURITY_POLICY,
          "X-Content-Type-Options",
          "nosniff",
          "Referrer-Policy",
          "no-referrer");

  /** Server paths that are never console pages, so that a wrong URL there stays a 404 problem. */
  private static final Set<String> SERVER_PREFIXES =
      Set.of("/api/", "/webhooks/", "/mcp", "/metrics", "/health", "/ready", "/openapi");

  private final byte[] index;

  private ConsoleFiles(byte[] index) {
    this.index = index;
  }

  /** The console on this class path, or empty when the ui jar is not there (a bare server). */
  public static Optional<ConsoleFiles> onClassPath() {
    try (InputStream in = resource(ROOT + "/index.html")) {
      return in == null ? Optional.empty() : Optional.of(new ConsoleFiles(in.readAllBytes()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the console's index.html from the class path", e);
    }
  }

  private static InputStream resource(String name) {
    return ConsoleFiles.class.getClassLoader().getResourceAsStream(name);
  }

  /** Serves the files, caching hashed assets for good and revalidating everything else. */
  public void register(JavalinConfig config) {
    config.staticFiles.add(
        files -> {
          files.hostedPath = ASSETS;
          files.directory = "/" + ROOT + ASSETS;
          files.location = Location.CLASSPATH;
          files.headers = Map.of("Cache-Control", IMMUTABLE, "X-Content-Type-Options", "nosniff");
        });
    config.staticFiles.add(
        files -> {
          files.hostedPath = "/";
          files.directory = "/" + ROOT;
          files.location = Location.CLASSPATH;
          files.headers = PAGE_HEADERS;
          files.skipFileFunction = request -> request.getRequestURI().startsWith(ASSETS + "/");
        });
    config.spaRoot.addHandler("/", this::page);
  }

  /** A console page (a client route such as /executions/ex_1): index.html, the app routes it. */
  private void page(Context ctx) {
    String path = ctx.path();
    if (SERVER_PREFIXES.stream().anyMatch(path::startsWith) || path.startsWith(ASSETS + "/")) {
      throw new ProblemException(
          Problem.notFound(
              "no such route: " + ctx.method() + " " + path + "; GET /openapi.json lists them"));
    }
    PAGE_HEADERS.forEach(ctx::header);
    ctx.contentType("text/html; charset=utf-8");
    ctx.result(index);
  }

  /** The URL of the console for a server listening on {@code host:port}. */
  public static String url(String host, int port) {
    String shown = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    if (shown.contains(":")) {
      shown = "[" + shown + "]";
    }
    return "http://" + shown + ":" + port + "/";
  }
}
