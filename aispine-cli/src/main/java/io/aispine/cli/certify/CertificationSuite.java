package io.aispine.cli.certify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aispine.agents.contract.ContractJson;
import io.aispine.agents.contract.ExecuteRequest;
import io.aispine.agents.manifest.JsonSchemas;
import io.aispine.agents.manifest.ManifestRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * The conformance and certification suite of {@code aispine agent test}: health, manifest, a sample
 * call checked against the output schema, the error contract, idempotency, concurrency, stability
 * and latency. Only a failed check withholds certification.
 */
public final class CertificationSuite {

  /**
   * Health should answer within this median, in milliseconds. Missing it is a warning, not a
   * failure: the time measures the machine as much as the agent (a loaded laptop or CI runner is
   * slow for every agent), and certification must not depend on what else the machine was doing.
   */
  static final double HEALTH_BUDGET_MS = 50;

  private static final int HEALTH_PROBES = 7;

  private final AgentProbe probe;
  private final int requests;
  private final int concurrency;
  private final Consumer<Check> progress;
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  /**
   * A suite against the agent at {@code baseUrl}.
   *
   * @param secret the signing secret, or null to send unsigned calls
   * @param requests the size of the stability run
   * @param concurrency how many calls the concurrency check sends at once
   * @param progress told each check as it ends
   */
  public CertificationSuite(
      String baseUrl, String secret, int requests, int concurrency, Consumer<Check> progress) {
    if (requests < 1 || concurrency < 1) {
      throw new IllegalArgumentException("--requests and --concurrency must be at least 1");
    }
    this.probe = new AgentProbe(baseUrl, secret);
    this.requests = requests;
    this.concurrency = concurrency;
    this.progress = Objects.requireNonNull(progress);
  }

  /** Runs every check and returns the report. */
  public CertificationReport run() {
    var checks = new ArrayList<Check>();
    JsonNode health = health(checks);
    JsonNode manifest = manifest(checks);
    String name = text(manifest, "name", text(health, "name", null));
    String version = text(manifest, "version", text(health, "version", null));
    JsonNode sample = manifest == null ? null : manifest.get("sample_input");
    Map<String, Object> input = sample != null && sample.isObject() ? asMap(sample) : Map.of();
    JsonNode outputSchema = manifest == null ? null : manifest.get("output_schema");
    sampleCall(checks, input, outputSchema);
    errorContract(checks);
    idempotency(checks, input);
    concurrent(checks, input);
    CertificationReport.Latency latency = stability(checks, input);
    return CertificationReport.of(probe.base(), name, version, checks, latency);
  }

  private void add(List<Check> checks, Check check) {
    checks.add(check);
    progress.accept(check);
  }

  private JsonNode health(List<Check> checks) {
    double[] times = new double[HEALTH_PROBES];
    AgentProbe.Answer last = null;
    probe.get("/health"); // Warms up the connection: the budget is for answering, not for TCP.
    for (int i = 0; i < HEALTH_PROBES; i++) {
      last = probe.get("/health");
      if (!last.answered() || last.status() != 200) {
        add(checks, Check.fail("health", "GET /health " + describe(last) + "; it must be 200"));
        return null;
      }
      times[i] = last.millis();
    }
    JsonNode body = parse(last.body());
    if (body == null || !"ok".equals(text(body, "status", null))) {
      add(checks, Check.fail("health", "GET /health must answer {\"status\":\"ok\",…}"));
      return body;
    }
    Arrays.sort(times);
    double median = times[HEALTH_PROBES / 2];
    String detail =
        "median "
            + ms(median)
            + " over "
            + HEALTH_PROBES
            + " calls (budget "
            + ms(HEALTH_BUDGET_MS)
            + ")";
    add(
        checks,
        median <= HEALTH_BUDGET_MS
            ? Check.pass("health", detail)
            : Check.warn(
                "health",
                detail
                    + "; slower than the budget: if the machine is not busy, keep /health free of"
                    + " I/O (answer from memory)"));
    return body;
  }

  private JsonNode manifest(List<Check> checks) {
    AgentProbe.Answer answer = probe.get("/manifest");
    JsonNode manifest = answer.status() == 200 ? parse(answer.body()) : null;
    if (manifest == null || !manifest.isObject()) {
      add(
          checks,
          Check.fail(
              "manifest",
              "GET /manifest " + describe(answer) + "; it must answer the manifest JSON"));
      return null;
    }
    String problem = ManifestRules.forCertification(manifest);
    add(
        checks,
        problem.isEmpty()
            ? Check.pass(
                "manifest",
                text(manifest, "name", "?")
                    + "@"
                    + text(manifest, "version", "?")
                    + ", schemas valid")
            : Check.fail("manifest", problem));
    return manifest;
  }

  private void sampleCall(List<Check> checks, Map<String, Object> input, JsonNode outputSchema) {
    AgentProbe.Answer answer = probe.execute(body(input, key("sample")), key("sample"));
    JsonNode output = successOutput(answer);
    if (output == null) {
      add(checks, Check.fail("execute", "POST /execute with sample_input " + describe(answer)));
      return;
    }
    if (outputSchema == null || !JsonSchemas.problemsOf(outputSchema).isEmpty()) {
      add(
          checks,
          Check.warn(
              "execute",
              "succeeded in " + ms(answer.millis()) + "; no valid output_schema to check against"));
      return;
    }
    String violations = JsonSchemas.violations(outputSchema, output);
    add(
        checks,
        violations.isEmpty()
            ? Check.pass(
                "execute",
                "sample_input succeeded in "
                    + ms(answer.millis())
                    + "; output matches output_schema")
            : Check.fail("execute", "output does not match output_schema: " + violations));
  }

  private void errorContract(List<Check> checks) {
    String[] malformed = {"{not json", "{\"execution_id\":\"e\"}", "[]"};
    for (String body : malformed) {
      AgentProbe.Answer answer = probe.execute(body, key("malformed"));
      if (!answer.answered() || answer.status() < 400 || answer.status() >= 500) {
        add(
            checks,
            Check.fail(
                "error-contract",
                "a malformed request ("
                    + body
                    + ") got "
                    + describe(answer)
                    + "; it must get a 4xx problem"));
        return;
      }
    }
    add(checks, Check.pass("error-contract", "malformed requests get 4xx answers"));
  }

  private void idempotency(List<Check> checks, Map<String, Object> input) {
    String key = key("idempotency");
    AgentProbe.Answer first = probe.execute(body(input, key), key);
    AgentProbe.Answer second = probe.execute(body(input, key), key);
    JsonNode one = successOutput(first);
    JsonNode two = successOutput(second);
    if (one == null || two == null) {
      add(
          checks,
          Check.fail("idempotency", "a call failed: " + describe(one == null ? first : second)));
    } else if (!one.equals(two)) {
      add(
          checks,
          Check.fail(
              "idempotency",
              "the same Idempotency-Key got two different outputs: " + one + " then " + two));
    } else {
      add(checks, Check.pass("idempotency", "the same Idempotency-Key got the same output twice"));
    }
  }

  private void concurrent(List<Check> checks, Map<String, Object> input) {
    var calls = new ArrayList<CompletableFuture<AgentProbe.Answer>>();
    for (int i = 0; i < concurrency; i++) {
      String key = key("concurrent-" + i);
      calls.add(probe.executeAsync(body(input, key), key));
    }
    List<AgentProbe.Answer> answers = calls.stream().map(CompletableFuture::join).toList();
    long failed = answers.stream().filter(a -> successOutput(a) == null).count();
    String detail = (concurrency - failed) + "/" + concurrency + " concurrent calls succeeded";
    add(
        checks,
        failed == 0
            ? Check.pass("concurrency", detail)
            : Check.fail("concurrency", detail + firstFailure(answers)));
  }

  private CertificationReport.Latency stability(List<Check> checks, Map<String, Object> input) {
    // A steady load, not a flood: at most 8 calls in flight, as a few busy flows would send.
    var inFlight = new Semaphore(8);
    var calls = new ArrayList<CompletableFuture<AgentProbe.Answer>>(requests);
    for (int i = 0; i < requests; i++) {
      inFlight.acquireUninterruptibly();
      String key = key("stability-" + i);
      calls.add(
          probe.executeAsync(body(input, key), key).whenComplete((a, e) -> inFlight.release()));
    }
    List<AgentProbe.Answer> answers = calls.stream().map(CompletableFuture::join).toList();
    long failed = answers.stream().filter(a -> successOutput(a) == null).count();
    double rate = 100.0 * failed / requests;
    String detail =
        String.format(
            java.util.Locale.ROOT, "%d requests, %d failed (%.2f%%)", requests, failed, rate);
    add(
        checks,
        failed == 0
            ? Check.pass("stability", detail)
            : rate < 1
                ? Check.warn("stability", detail + firstFailure(answers))
                : Check.fail("stability", detail + firstFailure(answers)));
    double[] times = answers.stream().mapToDouble(AgentProbe.Answer::millis).sorted().toArray();
    var latency =
        new CertificationReport.Latency(
            requests, percentile(times, 50), percentile(times, 95), percentile(times, 99));
    add(
        checks,
        Check.pass(
            "latency",
            "p50 "
                + ms(latency.p50())
                + ", p95 "
                + ms(latency.p95())
                + ", p99 "
                + ms(latency.p99())));
    return latency;
  }

  private static String firstFailure(List<AgentProbe.Answer> answers) {
    return answers.stream()
        .filter(a -> successOutput(a) == null)
        .findFirst()
        .map(a -> "; first failure: " + describe(a))
        .orElse("");
  }

  /** The output of a successful call, or null when the call did not succeed. */
  private static JsonNode successOutput(AgentProbe.Answer answer) {
    if (answer.status() != 200) {
      return null;
    }
    JsonNode body = parse(answer.body());
    if (body == null || !"success".equals(text(body, "status", null))) {
      return null;
    }
    JsonNode output = body.get("output");
    return output == null ? ContractJson.mapper().nullNode() : output;
  }

  private String key(String what) {
    return "aispine-test-" + run + "/" + what + "/1";
  }

  private String body(Map<String, Object> input, String key) {
    String[] parts = key.split("/");
    var request = new ExecuteRequest(parts[0], parts[1], 1, key, null, input, Map.of());
    try {
      return ContractJson.mapper().writeValueAsString(request);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String describe(AgentProbe.Answer answer) {
    if (!answer.answered()) {
      return "got no answer (" + answer.failure() + ")";
    }
    String body =
        answer.body().length() > 200 ? answer.body().substring(0, 200) + "…" : answer.body();
    return "answered " + answer.status() + " " + body.replace('\n', ' ');
  }

  private static JsonNode parse(String json) {
    try {
      return ContractJson.mapper().readTree(json);
    } catch (java.io.IOException e) {
      return null;
    }
  }

  private static String text(JsonNode node, String field, String otherwise) {
    return node != null && node.hasNonNull(field) ? node.get(field).asText() : otherwise;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(JsonNode node) {
    return ContractJson.mapper().convertValue((ObjectNode) node, Map.class);
  }

  static double percentile(double[] sorted, int p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(rank, sorted.length - 1))];
  }

  static String ms(double millis) {
    return String.format(java.util.Locale.ROOT, "%.1f ms", millis);
  }
}
