package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.aispine.agent.AgentResult;
import io.aispine.agents.serve.AgentServer;
import io.aispine.store.AgentDetails;
import io.aispine.store.RegisteredAgent;
import io.aispine.store.jdbc.JdbcStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Manifest schemas that would make the server fetch another document or recurse forever: refused at
 * registration naming the keyword, and harmless when already in the store. A loopback HTTP server
 * stands in for every "remote" schema (a cloud metadata endpoint, say) and counts what reaches it.
 */
class AgentSchemaSafetyTest extends ServerTestBase {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final AtomicInteger baitRequests = new AtomicInteger();
  private final AtomicInteger agentCalls = new AtomicInteger();
  private final List<AgentServer> agents = new ArrayList<>();
  private HttpServer bait;

  @BeforeEach
  void startBait() throws IOException {
    bait = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    bait.createContext(
        "/",
        exchange -> {
          baitRequests.incrementAndGet();
          byte[] body = "{\"type\": \"string\"}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    bait.start();
  }

  @AfterEach
  void stopServers() {
    bait.stop(0);
    agents.forEach(AgentServer::close);
  }

  private String baitUrl(String path) {
    return "http://127.0.0.1:" + bait.getAddress().getPort() + path;
  }

  /** Serves an agent that answers {@code {"greeting": "hi"}} and counts its calls. */
  private String serve(String name) {
    AgentServer server =
        AgentServer.start(
            call -> {
              agentCalls.incrementAndGet();
              return AgentResult.success(Map.of("greeting", "hi"));
            },
            name,
            "1.0.0",
            0,
            null);
    agents.add(server);
    return "http://127.0.0.1:" + server.port();
  }

  private Api.Answer register(String name, String manifestFields) {
    return api.postJson(
        "/api/v1/agents",
        "{\"name\": \""
            + name
            + "\", \"version\": \"1.0.0\", \"url\": \"http://127.0.0.1:1\""
            + manifestFields
            + "}");
  }

  @Test
  void refuses_schemas_that_reach_outside_the_manifest_or_recurse_forever_naming_the_keyword() {
    Map<String, String> hostile = new LinkedHashMap<>();
    hostile.put(
        ", \"input_schema\": {\"$ref\": \"" + baitUrl("/latest/meta-data") + "\"}",
        "/input_schema/$ref");
    hostile.put(
        ", \"input_schema\": {\"properties\": {\"doc\": {\"$ref\": \"file:///etc/passwd\"}}}",
        "/input_schema/properties/doc/$ref");
    hostile.put(
        ", \"input_schema\": {\"$id\": \"" + baitUrl("/schemas/") + "\", \"$ref\": \"order.json\"}",
        "/input_schema/$ref");
    hostile.put(
        ", \"input_schema\": {\"$defs\": {\"x\": {\"$id\": \""
            + baitUrl("/x.json")
            + "\"}}, \"$ref\": \"#/$defs/x\"}",
        "/input_schema/$defs/x/$id");
    hostile.put(
        ", \"input_schema\": {\"$dynamicRef\": \"" + baitUrl("/dynamic") + "\"}",
        "/input_schema/$dynamicRef");
    hostile.put(
        ", \"input_schema\": {\"$schema\": \"" + baitUrl("/meta") + "\"}", "/input_schema/$schema");
    hostile.put(", \"input_schema\": {\"$ref\": \"#\"}", "/input_schema/$ref");
    // a sample input makes the registration itself check a value against the schema
    hostile.put(
        ", \"input_schema\": {\"$ref\": \"#\"}, \"sample_input\": {\"name\": \"Ada\"}",
        "/input_schema/$ref");
    hostile.put(
        ", \"input_schema\": {\"$ref\": \"#/$defs/a\", \"$defs\": {\"a\": {\"$ref\":"
            + " \"#/$defs/b\"}, \"b\": {\"$ref\": \"#/$defs/a\"}}}",
        "/input_schema/$defs/b/$ref");
    hostile.put(", \"output_schema\": {\"$ref\": \"#\"}", "/output_schema/$ref");

    int n = 0;
    for (var entry : hostile.entrySet()) {
      Api.Answer answer = register("hostile-" + n++, entry.getKey());

      assertThat(answer.status()).as(entry.getKey() + " -> " + answer).isEqualTo(400);
      assertThat(answer.contentType()).startsWith("application/problem+json");
      JsonNode error = answer.json().at("/errors/0");
      assertThat(error.get("pointer").asText()).as(answer.toString()).isEqualTo(entry.getValue());
      assertThat(error.get("detail").asText()).startsWith("field " + entry.getValue() + " ");
      assertThat(answer.json().get("detail").asText()).contains(entry.getValue());
    }
    assertThat(api.get("/api/v1/agents/hostile-0").status()).isEqualTo(404);
    assertThat(baitRequests).hasValue(0);
  }

  private static final String TREE_SCHEMA =
      """
      , "input_schema": {"type": "object", "required": ["name"],
        "properties": {"name": {"type": "string"},
                       "children": {"type": "array", "items": {"$ref": "#"}}}}
      """;

  @Test
  void a_recursive_schema_with_a_base_case_is_accepted_and_checks_calls_end_to_end() {
    Api.Answer created =
        api.postJson(
            "/api/v1/agents",
            "{\"name\": \"tree\", \"version\": \"1.0.0\", \"url\": \""
                + serve("tree")
                + "\""
                + TREE_SCHEMA
                + "}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(api.deploy(caller("tree")).status()).isEqualTo(201);

    JsonNode good =
        api.awaitFinished(
            api.start(
                "call-tree",
                "{\"name\": \"root\", \"children\": [{\"name\": \"leaf\","
                    + " \"children\": [{\"name\": \"deeper\"}]}]}"));
    JsonNode bad =
        api.awaitFinished(
            api.start(
                "call-tree",
                "{\"name\": \"root\", \"children\": [{\"children\": [{\"name\": 5}]}]}"));

    assertThat(good.get("status").asText()).as(good.toString()).isEqualTo("succeeded");
    assertThat(bad.get("status").asText()).as(bad.toString()).isEqualTo("failed");
    JsonNode error = bad.at("/nodes/0/error");
    assertThat(error.get("code").asText()).isEqualTo("INPUT_SCHEMA_VIOLATION");
    assertThat(error.get("message").asText())
        .contains("/children/0/name")
        .contains("/children/0/children/0/name");
    assertThat(agentCalls).hasValue(1);
  }

  @Test
  void a_stored_schema_that_breaks_the_rules_fails_the_node_for_good_instead_of_hanging() {
    // versions stored before the rules existed: written to the store directly, past registration
    server.close();
    try (var store = JdbcStore.openDataDir(dataDir)) {
      store.agents().register(stored("loops", serve("loops"), "{\"$ref\": \"#\"}", null));
      store
          .agents()
          .register(
              stored(
                  "fetches",
                  serve("fetches"),
                  "{\"properties\": {\"name\": {\"$ref\": \"" + baitUrl("/name.json") + "\"}}}",
                  null));
      store
          .agents()
          .register(
              stored(
                  "loops-out",
                  serve("loops-out"),
                  null,
                  "{\"$ref\": \"#/$defs/a\", \"$defs\": {\"a\": {\"allOf\": [{\"$ref\": \"#\"}]}}}"));
    }
    server = AispineServer.start(config(), clock());
    api = new Api(server.port(), adminKey);

    for (String agent : List.of("loops", "fetches", "loops-out")) {
      assertThat(api.deploy(caller(agent)).status()).isEqualTo(201);
      JsonNode execution =
          api.awaitFinished(api.start("call-" + agent, "{\"name\": \"Ada\", \"children\": []}"));

      assertThat(execution.get("status").asText()).as(execution.toString()).isEqualTo("failed");
      JsonNode node = execution.at("/nodes/0");
      String code = agent.equals("loops-out") ? "OUTPUT_SCHEMA_INVALID" : "INPUT_SCHEMA_INVALID";
      assertThat(node.at("/error/code").asText()).as(node.toString()).isEqualTo(code);
      assertThat(node.at("/error/retryable").asBoolean()).isFalse();
      assertThat(node.at("/error/message").asText())
          .contains(agent + "@1.0.0")
          .contains(agent.equals("loops-out") ? "output_schema" : "input_schema")
          .contains("$ref");
      assertThat(node.get("attempts").asInt()).isEqualTo(1);
    }
    assertThat(agentCalls).as("only loops-out's input reaches its agent").hasValue(1);
    assertThat(baitRequests).hasValue(0);
  }

  private static RegisteredAgent stored(String name, String url, String input, String output) {
    return new RegisteredAgent(
        name,
        "1.0.0",
        url,
        "stored before the schema rules",
        null,
        Instant.now(),
        new AgentDetails(
            null, List.of(), map(input), map(output), null, null, null, false, List.of()),
        null);
  }

  private static Map<String, Object> map(String json) {
    try {
      return json == null ? null : JSON.readValue(json, MAP);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** A flow whose one node calls {@code agent} with the execution's name and children. */
  private static String caller(String agent) {
    return """
        id: call-%s
        version: 1.0.0
        inputs:
          name: {type: any, required: true}
          children: {type: any, required: true}
        nodes:
          - id: call
            agent: %s@^1
            with: {name: "${inputs.name}", children: "${inputs.children}"}
            retry: {max_attempts: 3, initial: 10ms}
        """
        .formatted(agent, agent);
  }
}
