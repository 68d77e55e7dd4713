package io.aispine.agents.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.aispine.agents.contract.ContractJson;
import io.aispine.agents.manifest.ManifestDetails;
import io.aispine.agents.manifest.ManifestRules;
import io.aispine.agents.outbound.OutboundHttp;
import io.aispine.agents.outbound.OutboundRequest;
import io.aispine.agents.outbound.OutboundResponse;
import io.aispine.store.RegisteredAgent;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP agents named by URL rather than registered (a local run's {@code --agent NAME=URL}): each is
 * described by the manifest it serves at {@code GET /manifest}, as registering it with a server
 * would, so that its calls are checked against the same schemas and limits. An agent that serves no
 * manifest is version {@value #UNKNOWN_VERSION}, without schemas.
 */
final class UrlAgents {

  /** The version of an agent that serves no manifest. */
  static final String UNKNOWN_VERSION = "0.0.0";

  private static final Logger log = LoggerFactory.getLogger(UrlAgents.class);
  private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);
  private static final int MAX_MANIFEST_BYTES = 1024 * 1024;

  private UrlAgents() {}

  /**
   * The agent {@code name} at {@code url}, described by its manifest when it serves one.
   *
   * @throws IllegalArgumentException when it serves a manifest that breaks the manifest rules
   */
  static RegisteredAgent describe(
      String name, URI url, String secret, OutboundHttp http, Instant at)
      throws InterruptedException {
    URI manifestUri = manifestUri(url);
    OutboundResponse answer;
    try {
      answer =
          http.send(
              OutboundRequest.of("GET", manifestUri, FETCH_TIMEOUT)
                  .withHeader("Accept", "application/json")
                  .limitedTo(MAX_MANIFEST_BYTES));
    } catch (IOException e) {
      // It may come up later: calls reach it then, guarded, but unchecked by schemas.
      log.warn(
          "agent {}: {} cannot be fetched ({}): its calls are not checked against a manifest in"
              + " this run",
          name,
          OutboundRequest.describe("GET", manifestUri),
          e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
      return unversioned(name, url, secret, at);
    }
    if (answer.status() != 200) {
      return unversioned(name, url, secret, at); // it serves no manifest
    }
    JsonNode manifest;
    try {
      manifest = ContractJson.mapper().readTree(answer.body());
    } catch (IOException e) {
      manifest = null;
    }
    if (manifest == null || !manifest.isObject()) {
      throw new IllegalArgumentException(
          "agent "
              + name
              + ": "
              + OutboundRequest.describe("GET", manifestUri)
              + " answered 200 with a body that is not an agent manifest (a JSON object with at"
              + " least name and version); serve a manifest there, or none");
    }
    List<ManifestRules.Problem> problems = ManifestRules.forRegistry(manifest, Set.of());
    if (!problems.isEmpty()) {
      ManifestRules.Problem first = problems.getFirst();
      throw new IllegalArgumentException(
          "agent "
              + name
              + ": the manifest at "
              + manifestUri
              + " is not valid: "
              + first.detail()
              + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more problems)" : "")
              + "; fix it as for 'aispine agent register' (docs/agents.md)");
    }
    return new RegisteredAgent(
        name,
        manifest.get("version").asText(),
        url.toString(),
        ManifestDetails.text(manifest, "description"),
        secret,
        at,
        ManifestDetails.of(manifest),
        null);
  }

  private static RegisteredAgent unversioned(String name, URI url, String secret, Instant at) {
    return new RegisteredAgent(name, UNKNOWN_VERSION, url.toString(), "", secret, at);
  }

  private static URI manifestUri(URI url) {
    String base = url.toString();
    base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    return URI.create(base + "/manifest");
  }
}
