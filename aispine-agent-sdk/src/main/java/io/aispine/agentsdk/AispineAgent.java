package io.aispine.agentsdk;

import io.aispine.agent.Agent;
import io.aispine.agent.AgentResult;
import io.aispine.agents.contract.SignatureVerifier;
import io.aispine.agents.serve.AgentServer;
import io.aispine.agentsdk.internal.IdempotentAgent;
import io.aispine.execution.ErrorInfo;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;

/**
 * Builds and serves an HTTP agent: {@code POST /execute} with signature checks and idempotency,
 * {@code GET /health} and {@code GET /manifest}.
 *
 * <pre>{@code
 * AispineAgent.named("greeter")
 *     .version("1.0.0")
 *     .handle(call -> Map.of("greeting", "Hello " + call.input().get("name")))
 *     .serve(8080);
 * }</pre>
 */
public final class AispineAgent {

  /** The environment variable that holds the signing secret shared with AI Spine. */
  public static final String SECRET_ENV = "AISPINE_AGENT_SECRET";

  /** The environment variable that sets the port of {@link #serve()}. */
  public static final String PORT_ENV = "AISPINE_AGENT_PORT";

  /** The port of {@link #serve()} when {@value #PORT_ENV} is not set. */
  public static final int DEFAULT_PORT = 8080;

  private AgentManifest manifest;
  private AgentHandler handler;
  private String secret = System.getenv(SECRET_ENV);
  private String host;
  private Duration idempotencyTtl = Duration.ofHours(24);
  private int idempotencyKeys = 10_000;
  private InstantSource clock = InstantSource.system();

  private AispineAgent(AgentManifest manifest) {
    this.manifest = manifest;
  }

  /** An agent named {@code name}, version 0.1.0 until {@link #version} says otherwise. */
  public static AispineAgent named(String name) {
    return new AispineAgent(AgentManifest.of(name, "0.1.0"));
  }

  /** An agent described by {@code manifest}. */
  public static AispineAgent of(AgentManifest manifest) {
    return new AispineAgent(Objects.requireNonNull(manifest, "manifest"));
  }

  /** An agent described by the JSON manifest at {@code resource} on the class path. */
  public static AispineAgent fromManifest(String resource) {
    return of(AgentManifest.fromResource(resource));
  }

  /** Sets the semantic version. */
  public AispineAgent version(String version) {
    AgentManifest m = manifest;
    manifest =
        new AgentManifest(
            m.name(),
            version,
            m.description(),
            m.category(),
            m.tags(),
            m.inputSchema(),
            m.outputSchema(),
            m.sampleInput(),
            m.pricing(),
            m.limits(),
            m.sensitiveActions(),
            m.sensitive());
    return this;
  }

  /** Replaces the whole manifest. */
  public AispineAgent manifest(AgentManifest manifest) {
    this.manifest = Objects.requireNonNull(manifest, "manifest");
    return this;
  }

  /** Sets what the agent does. */
  public AispineAgent handle(AgentHandler handler) {
    this.handler = Objects.requireNonNull(handler, "handler");
    return this;
  }

  /** Checks signatures with {@code secret} (default: {@value #SECRET_ENV}; null: no checks). */
  public AispineAgent secret(String secret) {
    this.secret = secret;
    return this;
  }

  /** Listens on one interface only, such as {@code 127.0.0.1} (default: all). */
  public AispineAgent host(String host) {
    this.host = host;
    return this;
  }

  /** Keeps results per idempotency key for {@code ttl} (default 24 h), at most {@code keys}. */
  public AispineAgent idempotency(Duration ttl, int keys) {
    this.idempotencyTtl = Objects.requireNonNull(ttl, "ttl");
    this.idempotencyKeys = keys;
    return this;
  }

  /** The clock of the idempotency cache; tests pass a fake one. */
  public AispineAgent clock(InstantSource clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** The manifest as it stands. */
  public AgentManifest manifest() {
    return manifest;
  }

  /** Serves on {@value #PORT_ENV}, or {@value #DEFAULT_PORT}. */
  public AgentServer serve() {
    String port = System.getenv(PORT_ENV);
    return serve(port == null || port.isBlank() ? DEFAULT_PORT : Integer.parseInt(port.strip()));
  }

  /** Serves on {@code port} (0: a free one, see {@link AgentServer#port()}) until closed. */
  public AgentServer serve(int port) {
    if (handler == null) {
      throw new IllegalStateException(
          "agent " + manifest.name() + " has no handler; call handle(request -> output) first");
    }
    Agent agent = new IdempotentAgent(asAgent(handler), idempotencyTtl, idempotencyKeys, clock);
    SignatureVerifier verifier =
        secret == null || secret.isBlank() ? null : SignatureVerifier.of(secret);
    return AgentServer.startWithManifest(
        agent, manifest.name(), manifest.version(), host, port, verifier, manifest);
  }

  private static Agent asAgent(AgentHandler handler) {
    return call -> {
      try {
        return AgentResult.success(handler.handle(AgentRequest.of(call)));
      } catch (IllegalArgumentException e) {
        return AgentResult.failure(ErrorInfo.permanent("INVALID_INPUT", e.getMessage()));
      } catch (io.aispine.agent.AgentException | InterruptedException | RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    };
  }
}
