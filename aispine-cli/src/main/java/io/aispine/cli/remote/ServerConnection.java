package io.aispine.cli.remote;

import io.aispine.cli.command.CliException;
import io.aispine.cli.command.ExitCodes;
import io.aispine.sdk.AispineClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Which server a remote command talks to and with which API key, and where each came from (for
 * error messages). Resolved as: {@code --url/--token} flags, then {@code AISPINE_URL} / {@code
 * AISPINE_TOKEN}, then the config file, then {@code http://127.0.0.1:9325} with the local server's
 * {@code .aispine/admin.key}. A saved key is only sent to the server it was saved for.
 */
public record ServerConnection(String url, String token, String urlSource, String tokenSource) {

  static final String DEFAULT_URL = "http://127.0.0.1:9325";

  /** The {@link #urlSource} when no flag, variable or config file named a server. */
  private static final String DEFAULT_SOURCE = "the default";

  public static ServerConnection resolve(String urlFlag, String tokenFlag) {
    ConfigFile config = ConfigFile.read(ConfigFile.location());
    String url;
    String urlSource;
    if (present(urlFlag)) {
      url = urlFlag;
      urlSource = "--url";
    } else if (present(System.getenv("AISPINE_URL"))) {
      url = System.getenv("AISPINE_URL");
      urlSource = "AISPINE_URL";
    } else if (present(config.url())) {
      url = config.url();
      urlSource = config.path().toString();
    } else {
      url = DEFAULT_URL;
      urlSource = DEFAULT_SOURCE;
    }
    url = normalise(url, urlSource);

    if (present(tokenFlag)) {
      return new ServerConnection(url, tokenFlag.strip(), urlSource, "--token");
    }
    if (present(System.getenv("AISPINE_TOKEN"))) {
      return new ServerConnection(
          url, System.getenv("AISPINE_TOKEN").strip(), urlSource, "AISPINE_TOKEN");
    }
    if (present(config.token()) && config.url() != null && sameServer(config.url(), url)) {
      return new ServerConnection(url, config.token(), urlSource, config.path().toString());
    }
    Path adminKey = localAdminKey(null);
    if (isLoopback(url) && Files.isReadable(adminKey)) {
      return new ServerConnection(url, readKey(adminKey), urlSource, adminKey.toString());
    }
    return new ServerConnection(url, null, urlSource, null);
  }

  /** Whether a flag, {@code AISPINE_URL} or the config file named this server. */
  public boolean configured() {
    return !DEFAULT_SOURCE.equals(urlSource);
  }

  /** A client for this server; close it when done. */
  public AispineClient client() {
    return AispineClient.builder()
        .baseUrl(url)
        .token(token)
        .connectTimeout(Duration.ofSeconds(5))
        .requestTimeout(Duration.ofSeconds(30))
        .build();
  }

  /**
   * {@code DATA_DIR/admin.key} of a local server: {@code dataDir}, else {@code $AISPINE_DATA_DIR},
   * else {@code ./.aispine}.
   */
  static Path localAdminKey(Path dataDir) {
    if (dataDir != null) {
      return dataDir.resolve("admin.key");
    }
    String env = System.getenv("AISPINE_DATA_DIR");
    return Path.of(present(env) ? env : ".aispine").resolve("admin.key");
  }

  /** The key in an admin key file, without surrounding whitespace. */
  static String readKey(Path file) {
    try {
      String key = Files.readString(file).strip();
      if (key.isEmpty()) {
        throw new CliException(ExitCodes.AUTH, file + " is empty; pass --token KEY");
      }
      return key;
    } catch (IOException e) {
      throw new CliException(ExitCodes.AUTH, "cannot read " + file + ": " + e.getMessage());
    }
  }

  static String normalise(String url, String source) {
    String trimmed = url.strip();
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    try {
      URI uri = URI.create(trimmed);
      if (uri.getHost() == null
          || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        throw new IllegalArgumentException("not http");
      }
      return trimmed;
    } catch (IllegalArgumentException e) {
      throw new CliException(
          ExitCodes.USAGE,
          "server URL '"
              + url
              + "' (from "
              + source
              + ") must look like http://host:port, e.g. "
              + DEFAULT_URL);
    }
  }

  static boolean isLoopback(String url) {
    String host = URI.create(url).getHost();
    return host != null
        && (host.equals("localhost")
            || host.startsWith("127.")
            || host.equals("[::1]")
            || host.equals("::1"));
  }

  private static boolean sameServer(String a, String b) {
    return normaliseQuietly(a).equalsIgnoreCase(normaliseQuietly(b));
  }

  private static String normaliseQuietly(String url) {
    String s = url.strip();
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  private static boolean present(String s) {
    return s != null && !s.isBlank();
  }
}
