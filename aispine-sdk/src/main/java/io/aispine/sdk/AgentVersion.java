package io.aispine.sdk;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One version of an agent as the server shows it: its manifest (schemas, pricing, limits,
 * sensitivity), whether it is deprecated, and its health and circuit. {@code url} and the manifest
 * fields are set for HTTP agents only; the signing secret is never returned.
 *
 * @param version the exact semantic version
 * @param url its base URL (HTTP agents)
 * @param createdAt when it was registered (null for built-ins)
 * @param name the agent's name
 * @param description what it does
 * @param signed whether calls to it are signed
 * @param category its marketplace category, or null
 * @param tags search tags
 * @param inputSchema the JSON Schema of its input, or null (anything)
 * @param outputSchema the JSON Schema of its output, or null (anything)
 * @param sampleInput an input it accepts, or null
 * @param pricing {@code model} ({@code per_call}, {@code per_token}, {@code free}) and USD prices,
 *     or null
 * @param limits {@code rate_per_minute} and {@code max_concurrency}, or null
 * @param sensitive whether its actions need a person's care
 * @param sensitiveActions the actions that are sensitive
 * @param deprecated whether new executions avoid it
 * @param deprecatedAt when it was deprecated, or null
 * @param deprecationReason why, or null
 * @param health {@code state}, {@code latency_ms}, {@code last_error}, {@code checked_at}
 * @param circuit {@code state}, {@code failures}, {@code open_until}, {@code rejected}
 */
public record AgentVersion(
    String version,
    String url,
    Instant createdAt,
    String name,
    String description,
    boolean signed,
    String category,
    List<String> tags,
    Object inputSchema,
    Object outputSchema,
    Map<String, Object> sampleInput,
    Map<String, Object> pricing,
    Map<String, Object> limits,
    boolean sensitive,
    List<String> sensitiveActions,
    boolean deprecated,
    Instant deprecatedAt,
    String deprecationReason,
    Map<String, Object> health,
    Map<String, Object> circuit) {

  /** Missing lists and maps read as empty. */
  public AgentVersion {
    tags = tags == null ? List.of() : List.copyOf(tags);
    sensitiveActions = sensitiveActions == null ? List.of() : List.copyOf(sensitiveActions);
    health = health == null ? Map.of() : health;
    circuit = circuit == null ? Map.of() : circuit;
  }

  /** A version known only by its number, URL and registration time. */
  public AgentVersion(String version, String url, Instant createdAt) {
    this(
        version, url, createdAt, null, null, false, null, null, null, null, null, null, null, false,
        null, false, null, null, null, null);
  }
}
