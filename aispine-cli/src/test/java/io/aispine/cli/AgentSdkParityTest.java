package io.aispine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aispine.agent.AgentException;
import io.aispine.agents.contract.ContractJson;
import io.aispine.agents.contract.Signer;
import io.aispine.agents.serve.AgentServer;
import io.aispine.agentsdk.AgentManifest;
import io.aispine.agentsdk.AispineAgent;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java, Python and TypeScript agent SDKs serving the same agent, sent the same requests over
 * real HTTP: every answer (status, media type, JSON) must be the same, down to each problem's
 * detail, so that an agent's language changes nothing AI Spine sees. Where the three JSON parsers
 * word a syntax error differently, the status, type and pointer must still agree.
 */
class AgentSdkParityTest {

  private static final String SECRET = "parity-secret";
  private static final String MANIFEST =
      """
      {"name": "greeter", "version": "1.2.0", "description": "Greets people.", "tags": ["demo"],
       "input_schema": {"type": "object"}, "output_schema": {"type": "object"},
       "sample_input": {"name": "Ada"}, "limits": {"rate_per_minute": 60}, "extra": "dropped"}
      """;

  // The same handler three times: counts its successful runs, so a replay shows as the same count.
  private static final String PYTHON =
      """
      import sys, threading
      from aispine_agent import Agent, PermanentError, RetryableError
      class IllegalStateException(Exception):
          pass
      agent = Agent.from_manifest(sys.argv[1])
      runs = [0]
      lock = threading.Lock()
      @agent.handler
      def handle(request):
          name = request.input.get("name")
          if name is None:
              raise ValueError("input needs a 'name'")
          if name == "slow":
              request.cancelled.wait(30)
              return {}
          if name == "throttled":
              raise RetryableError("THROTTLED", "try again")
          if name == "nobody":
              raise PermanentError("NO_SUCH_PERSON", "nobody is called that")
          if name == "bug":
              raise IllegalStateException("oops")
          with lock:
              runs[0] += 1
              return {"greeting": "Hello " + name, "run": runs[0]}
      server = agent.start(port=0, host="127.0.0.1", secret=sys.argv[2])
      print(server.port, flush=True)
      server.wait()
      """;

  private static final String NODE =
      """
      const sdk = await import(process.argv[2]);
      class IllegalStateException extends Error {}
      let runs = 0;
      const agent = sdk.Agent.fromManifest(process.argv[3]).handle(async (request) => {
        const name = request.input.name;
        if (name === undefined || name === null) throw new sdk.InvalidInputError("input needs a 'name'");
        if (name === "slow") {
          await new Promise((resolve) => request.signal.addEventListener("abort", resolve));
          return {};
        }
        if (name === "throttled") throw new sdk.RetryableError("THROTTLED", "try again");
        if (name === "nobody") throw new sdk.PermanentError("NO_SUCH_PERSON", "nobody is called that");
        if (name === "bug") throw new IllegalStateException("oops");
        runs += 1;
        return { greeting: "Hello " + name, run: runs };
      });
      const server = await agent.start({ port: 0, host: "127.0.0.1", secret: process.argv[4] });
      console.log(server.port);
      await server.wait();
      """;

  private record Call(
      String what, String method, String path, String body, Map<String, String> headers) {}

  private record Answer(int status, String mediaType, JsonNode body) {}

  @TempDir Path work;

  private final List<Process> processes = new ArrayList<>();
  private AgentServer javaAgent;

  @AfterEach
  void stop() {
    if (javaAgent != null) {
      javaAgent.close();
    }
    processes.forEach(Process::destroyForcibly);
  }

  @Test
  void java_python_and_typescript_sdks_answer_every_request_alike() throws Exception {
    Path manifest = Files.writeString(work.resolve("agent.json"), MANIFEST);
    Map<String, String> urls = new LinkedHashMap<>();
    urls.put("java", "http://127.0.0.1:" + startJava().port());
    urls.put("python", "http://127.0.0.1:" + startPython(manifest));
    urls.put("typescript", "http://127.0.0.1:" + startNode(manifest));

    try (var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      for (Call call : calls()) {
        Map<String, Answer> answers = new LinkedHashMap<>();
        for (var url : urls.entrySet()) {
          answers.put(url.getKey(), send(http, url.getValue(), call));
        }
        Answer expected = answers.get("java");
        for (var answer : answers.entrySet()) {
          assertThat(comparable(call, answer.getValue()))
              .as("%s: %s answered %s, Java %s", call.what(), answer.getKey(), answer, expected)
              .isEqualTo(comparable(call, expected));
        }
      }
    }
  }

  private List<Call> calls() {
    var calls = new ArrayList<Call>();
    calls.add(new Call("health", "GET", "/health", "", Map.of()));
    calls.add(new Call("manifest", "GET", "/manifest", "", Map.of()));
    calls.add(new Call("unknown path", "GET", "/nope", "", Map.of()));
    calls.add(new Call("GET /execute", "GET", "/execute", "", Map.of()));
    calls.add(new Call("POST /health", "POST", "/health", "{}", Map.of()));
    String ok = execute("k/ok/1", "{\"name\":\"Ada\"}");
    calls.add(new Call("unsigned", "POST", "/execute", ok, Map.of()));
    calls.add(signed("other secret", ok, "k/ok/1", "not-the-secret", now(), Map.of()));
    calls.add(signed("stale", ok, "k/ok/1", SECRET, now() - 3600, Map.of()));
    calls.add(
        new Call(
            "timestamp not a number",
            "POST",
            "/execute",
            ok,
            Map.of("AISpine-Id", "k", "AISpine-Timestamp", "soon", "AISpine-Signature", "v1,x")));
    for (String body :
        List.of(
            "",
            "   ",
            "[]",
            "\"text\"",
            "{\"node\":\"n\",\"attempt\":1,\"idempotency_key\":\"k\",\"input\":{}}",
            "{\"execution_id\":\"\",\"node\":\"n\",\"attempt\":1,\"idempotency_key\":\"k\",\"input\":{}}",
            "{\"execution_id\":\"e\",\"node\":\"n\",\"idempotency_key\":\"k\",\"input\":{}}",
            "{\"execution_id\":\"e\",\"node\":\"n\",\"attempt\":\"two\",\"idempotency_key\":\"k\",\"input\":{}}",
            "{\"execution_id\":\"e\",\"node\":\"n\",\"attempt\":0,\"idempotency_key\":\"k\",\"input\":{}}",
            // JSON.parse reads 1.0 and 1e0 as the integer 1: every SDK must still refuse them.
            "{\"execution_id\":\"e\",\"node\":\"n\",\"attempt\":1.0,\"idempotency_key\":\"k\",\"input\":{}}",
            "{\"execution_id\":\"e\",\"node\":\"n\",\"attempt\":1e0,\"idempotency_key\":\"k\",\"input\":{}}",
            "{\"execution_id\":\"e\",\"node\":\"n\",\"attempt\":2.5,\"idempotency_key\":\"k\",\"input\":{}}",
            "{\"execution_id\":\"e\",\"node\":\"n\",\"attempt\":1,\"idempotency_key\":\"k\"}",
            "{\"execution_id\":\"e\",\"node\":\"n\",\"attempt\":1,\"idempotency_key\":\"k\",\"input\":[]}",
            "{\"execution_id\":\"e\",\"node\":\"n\",\"attempt\":1,\"idempotency_key\":\"k\",\"input\":{},\"action\":5}",
            "{\"execution_id\":\"e\",\"node\":\"n\",\"attempt\":1,\"idempotency_key\":\"k\",\"input\":{},\"context\":\"x\"}",
            "{not json",
            "{\"execution_id\":\"e\",\"execution_id\":\"f\"}",
            "{\"execution_id\":\"e\",\"node\":\"n\",\"attempt\":1,\"idempotency_key\":\"k\",\"input\":{}} junk")) {
      calls.add(signed("body " + body, body, "k/bad/1", SECRET, now(), Map.of()));
    }
    calls.add(signed("bad timeout header", ok, "k/ok/1", SECRET, now(), timeout("soon")));
    calls.add(
        signed("too large", "{" + " ".repeat(1 << 20) + "}", "k/big/1", SECRET, now(), Map.of()));
    calls.add(signed("success", ok, "k/ok/1", SECRET, now(), Map.of()));
    calls.add(signed("replayed", ok, "k/ok/1", SECRET, now(), Map.of()));
    calls.add(
        signed(
            "next key", execute("k/ok/2", "{\"name\":\"Bo\"}"), "k/ok/2", SECRET, now(), Map.of()));
    for (String name : List.of("throttled", "nobody", "bug")) {
      String key = "k/" + name + "/1";
      calls.add(
          signed(name, execute(key, "{\"name\":\"" + name + "\"}"), key, SECRET, now(), Map.of()));
    }
    calls.add(signed("no name", execute("k/none/1", "{}"), "k/none/1", SECRET, now(), Map.of()));
    String slow = execute("k/slow/1", "{\"name\":\"slow\"}");
    calls.add(signed("past its deadline", slow, "k/slow/1", SECRET, now(), timeout("300")));
    return calls;
  }

  /** What must agree: everything, but only status, type and pointer of a JSON syntax error. */
  private static Object comparable(Call call, Answer answer) {
    boolean syntax =
        answer.status() == 400
            && answer.body().path("detail").asText().startsWith("the body is not valid JSON");
    if (syntax) {
      return List.of(answer.status(), answer.body().path("type"), answer.body().path("pointer"));
    }
    // Compared as JSON values (member order is each language's own), numbers as doubles.
    JsonNode body = normalised(answer.body());
    if (call.what().equals("stale") && body.isObject()) {
      // Seconds of clock skew depend on when each one was asked.
      String detail = body.path("detail").asText().replaceAll("\\d+ s away", "N s away");
      ((ObjectNode) body).put("detail", detail);
    }
    return List.of(answer.status(), String.valueOf(answer.mediaType()), body);
  }

  /** The JSON with every number as a double: 0 and 0.0 are the same value on the wire. */
  private static JsonNode normalised(JsonNode node) {
    var mapper = ContractJson.mapper();
    if (node.isNumber()) {
      return mapper.getNodeFactory().numberNode(node.doubleValue());
    }
    if (node.isObject()) {
      var copy = mapper.createObjectNode();
      node.properties().forEach(e -> copy.set(e.getKey(), normalised(e.getValue())));
      return copy;
    }
    if (node.isArray()) {
      var copy = mapper.createArrayNode();
      node.forEach(e -> copy.add(normalised(e)));
      return copy;
    }
    return node;
  }

  // ---- the three agents

  private AgentServer startJava() {
    var runs = new AtomicInteger();
    var manifest = AgentManifest.read(new ByteArrayInputStream(MANIFEST.getBytes(UTF8)));
    javaAgent =
        AispineAgent.of(manifest)
            .secret(SECRET)
            .host("127.0.0.1")
            .handle(
                request -> {
                  Object name = request.input().get("name");
                  if (name == null) {
                    throw new IllegalArgumentException("input needs a 'name'");
                  }
                  switch ((String) name) {
                    case "slow" -> Thread.sleep(30_000);
                    case "throttled" ->
                        throw new AgentException.Retryable("THROTTLED", "try again");
                    case "nobody" ->
                        throw new AgentException.Permanent(
                            "NO_SUCH_PERSON", "nobody is called that");
                    case "bug" -> throw new IllegalStateException("oops");
                    default -> {}
                  }
                  return Map.of("greeting", "Hello " + name, "run", runs.incrementAndGet());
                })
            .serve(0);
    return javaAgent;
  }

  private int startPython(Path manifest) throws Exception {
    Path script = Files.writeString(work.resolve("agent.py"), PYTHON);
    var builder =
        new ProcessBuilder("python3", script.toString(), manifest.toString(), SECRET)
            .redirectError(work.resolve("python.log").toFile());
    builder
        .environment()
        .put("PYTHONPATH", Path.of("../sdks/python/agent").toAbsolutePath().toString());
    return port(builder.start());
  }

  private int startNode(Path manifest) throws Exception {
    Path script = Files.writeString(work.resolve("agent.mjs"), NODE);
    Path sdk = Path.of("../sdks/typescript/agent/dist/index.js").toAbsolutePath().normalize();
    return port(
        new ProcessBuilder(
                "node", script.toString(), sdk.toUri().toString(), manifest.toString(), SECRET)
            .redirectError(work.resolve("node.log").toFile())
            .start());
  }

  private int port(Process process) throws Exception {
    processes.add(process);
    var out = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF8));
    String line = out.readLine(); // The agent prints its port once it listens.
    assertThat(line).as("the agent's port; it exited? %s", process.isAlive()).isNotNull();
    return Integer.parseInt(line.strip());
  }

  // ---- requests

  private static final Charset UTF8 = StandardCharsets.UTF_8;

  private static long now() {
    return Instant.now().getEpochSecond();
  }

  private static Map<String, String> timeout(String value) {
    return Map.of("AISpine-Timeout-Ms", value);
  }

  private static String execute(String key, String input) {
    String[] parts = key.split("/");
    return "{\"execution_id\":\""
        + parts[0]
        + "\",\"node\":\""
        + parts[1]
        + "\",\"attempt\":"
        + parts[2]
        + ",\"idempotency_key\":\""
        + key
        + "\",\"input\":"
        + input
        + "}";
  }

  private static Call signed(
      String what, String body, String key, String secret, long at, Map<String, String> extra) {
    var headers = new LinkedHashMap<>(extra);
    headers.put("AISpine-Id", key);
    headers.put("AISpine-Timestamp", Long.toString(at));
    headers.put("AISpine-Signature", new Signer(secret).sign(key, at, body.getBytes(UTF8)));
    return new Call(what, "POST", "/execute", body, headers);
  }

  private static Answer send(HttpClient http, String base, Call call) throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create(base + call.path()))
            .method(
                call.method(),
                call.method().equals("GET")
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(call.body()))
            .timeout(Duration.ofSeconds(20));
    call.headers().forEach(request::header);
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode body =
        response.body().isEmpty()
            ? ContractJson.mapper().nullNode()
            : ContractJson.mapper().readTree(response.body());
    return new Answer(
        response.statusCode(),
        response.headers().firstValue("Content-Type").map(t -> t.split(";")[0]).orElse(null),
        body);
  }
}
