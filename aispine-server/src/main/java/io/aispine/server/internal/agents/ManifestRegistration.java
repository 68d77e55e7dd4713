package io.aispine.server.internal.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aispine.agents.manifest.ManifestDetails;
import io.aispine.agents.manifest.ManifestRules;
import io.aispine.agents.outbound.OutboundDeniedException;
import io.aispine.agents.outbound.OutboundHttp;
import io.aispine.agents.outbound.OutboundRequest;
import io.aispine.agents.outbound.OutboundResponse;
import io.aispine.api.Problem;
import io.aispine.server.internal.http.Json;
import io.aispine.server.internal.http.Printable;
import io.aispine.server.internal.http.ProblemException;
import io.aispine.store.RegisteredAgent;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The body of {@code POST /api/v1/agents} turned into a version to register: the manifest's fields
 * plus {@code url} and {@code secret}, or only {@code url} (and {@code secret}), in which case the
 * manifest is fetched from the agent's {@code GET /manifest}. Every problem is a 400 naming its
 * field; a URL the outbound policy denies is one too ({@code urn:aispine:problem:outbound-denied}).
 */
final class ManifestRegistration {

  private static final Set<String> SERVER_FIELDS = Set.of("url", "secret");
  private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);
  private static final int MAX_MANIFEST_BYTES = 1024 * 1024;

  private final OutboundHttp http;

  /** Registration that fetches manifests through {@code http}, under its outbound policy. */
  ManifestRegistration(OutboundHttp http) {
    this.http = http;
  }

  /** The version {@code body} registers, created {@code at}. */
  RegisteredAgent parse(JsonNode body, Instant at) throws InterruptedException {
    if (body == null || !body.isObject()) {
      throw new ProblemException(Problem.badField("", "the body must be a JSON object"));
    }
    String url = url(body.get("url"));
    String secret = secret(body.get("secret"));
    checkAllowed(url);
    JsonNode manifest = body;
    String source = "";
    if (onlyServerFields(body)) {
      manifest = fetch(url);
      source = "the manifest at " + manifestUri(url) + ": ";
    }
    ObjectNode merged = manifest.deepCopy();
    merged.remove(List.of("url", "secret"));
    List<ManifestRules.Problem> problems =
        ManifestRules.forRegistry(merged, source.isEmpty() ? SERVER_FIELDS : Set.of());
    if (!problems.isEmpty()) {
      throw invalid(problems, source);
    }
    return new RegisteredAgent(
        merged.get("name").asText(),
        merged.get("version").asText(),
        url,
        ManifestDetails.text(merged, "description"),
        secret,
        at,
        ManifestDetails.of(merged),
        null);
  }

  private static boolean onlyServerFields(JsonNode body) {
    for (var names = body.fieldNames(); names.hasNext(); ) {
      if (!SERVER_FIELDS.contains(names.next())) {
        return false;
      }
    }
    return true;
  }

  private JsonNode fetch(String url) throws InterruptedException {
    URI uri = manifestUri(url);
    OutboundResponse answer;
    try {
      // No redirects: an agent serves its manifest where its URL says.
      answer =
          http.send(
              OutboundRequest.of("GET", uri, FETCH_TIMEOUT)
                  .withHeader("Accept", "application/json")
                  .limitedTo(MAX_MANIFEST_BYTES));
    } catch (OutboundDeniedException e) {
      throw denied(e);
    } catch (OutboundHttp.ResponseTooLargeException e) {
      throw unfetchable(uri, "answered more than 1 MiB");
    } catch (IOException e) {
      throw unfetchable(uri, "cannot be reached (" + e.getClass().getSimpleName() + ")");
    }
    // What came back is never echoed: the URL may point at something that is no agent, and its
    // answer is not ours to show. Say what was wrong with it instead.
    if (answer.status() != 200) {
      throw unfetchable(uri, "answered " + answer.status());
    }
    JsonNode manifest = manifestOrNull(answer.body());
    if (manifest == null) {
      String type = answer.header("content-type").isPresent() ? answer.mediaType() : "no type";
      throw unfetchable(
          uri,
          "answered 200 with a body that is not an agent manifest ("
              + answer.body().length
              + " bytes, "
              + type
              + "): a manifest is a JSON object with at least name and version");
    }
    return manifest;
  }

  /** The body as a manifest: a JSON object with a textual name and version; else null. */
  private static JsonNode manifestOrNull(byte[] body) {
    try {
      JsonNode node = Json.mapper().readTree(body);
      boolean manifest =
          node != null
              && node.isObject()
              && node.path("name").isTextual()
              && node.path("version").isTextual();
      return manifest ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Refuses a URL the outbound policy denies, naming the address and the setting that would allow
   * it. A host that does not resolve yet is let through: every call and health check is checked
   * again when it connects.
   */
  private void checkAllowed(String url) {
    URI uri = URI.create(url);
    int port =
        uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    try {
      http.policy().checkUrl(uri);
      http.policy().resolve(uri.getHost(), port);
    } catch (OutboundDeniedException e) {
      throw denied(e);
    } catch (UnknownHostException e) {
      // registered as asked; calls fail as unreachable until the name resolves
    }
  }

  private static ProblemException denied(OutboundDeniedException e) {
    String detail = "field /url: " + e.getMessage();
    return new ProblemException(
        Problem.of(400, "outbound-denied", "Outbound request denied", detail)
            .withErrors(List.of(Problem.FieldError.at("/url", detail))));
  }

  private static ProblemException unfetchable(URI uri, String why) {
    return new ProblemException(
        Problem.badField(
            "/url",
            OutboundRequest.describe("GET", uri)
                + " "
                + why
                + "; send the manifest's fields (name, version …) in the body, or serve it there"));
  }

  private static URI manifestUri(String url) {
    String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    return URI.create(base + "/manifest");
  }

  private static ProblemException invalid(List<ManifestRules.Problem> problems, String source) {
    List<Problem.FieldError> errors = new ArrayList<>();
    for (ManifestRules.Problem p : problems) {
      errors.add(Problem.FieldError.at(p.pointer(), source + p.detail()));
    }
    String detail =
        source
            + problems.getFirst().detail()
            + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more problems)" : "");
    return new ProblemException(Problem.badRequest(detail).withErrors(errors));
  }

  private static String url(JsonNode value) {
    if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
      throw bad("/url", "field /url is required");
    }
    if (!value.isTextual()) {
      throw bad("/url", "field /url must be a string");
    }
    String url = value.asText().strip();
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new URISyntaxException(url, "not absolute http(s)");
      }
      if (uri.getUserInfo() != null) {
        throw bad(
            "/url", "field /url must not carry credentials; use the secret field to sign calls");
      }
    } catch (URISyntaxException e) {
      throw bad(
          "/url",
          "field /url must be an absolute http:// or https:// URL, got '"
              + Printable.clip(url)
              + "'");
    }
    return url;
  }

  private static String secret(JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw bad("/secret", "field /secret must be a string"); // its value is never echoed
    }
    if (value.asText().isBlank()) {
      throw bad("/secret", "field /secret must not be blank; leave it out for unsigned calls");
    }
    return value.asText();
  }

  private static ProblemException bad(String pointer, String detail) {
    return new ProblemException(Problem.badField(pointer, detail));
  }
}
