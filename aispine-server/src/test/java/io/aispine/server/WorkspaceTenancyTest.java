package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aispine.agent.BuiltinAgents;
import io.aispine.agents.serve.AgentServer;
import io.aispine.llm.standin.StandInLlm;
import io.aispine.llm.standin.StandInLlm.Reply;
import io.aispine.store.StoredFlow;
import io.aispine.store.jdbc.JdbcStore;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What one workspace holds stays in it, over real HTTP: model providers, costs, budgets and audit
 * entries are read and written by the caller's workspace, and a running execution reaches only its
 * own workspace's providers, flows (subflows) and private agents.
 */
class WorkspaceTenancyTest extends ServerTestBase {

  private final StandInLlm acmeModel = StandInLlm.start();
  private final StandInLlm globexModel = StandInLlm.start();
  private Api acme;
  private Api globex;

  @BeforeEach
  void twoWorkspaces() {
    for (String id : new String[] {"acme", "globex"}) {
      assertThat(
              api.postJson("/api/v1/workspaces", "{\"id\": \"" + id + "\", \"plan\": \"scale\"}")
                  .status())
          .isEqualTo(201);
    }
    acme = new Api(server.port(), adminKey("acme"));
    globex = new Api(server.port(), adminKey("globex"));
  }

  @AfterEach
  void stopModels() {
    acmeModel.close();
    globexModel.close();
  }

  @Test
  void providers_budgets_and_costs_are_the_callers_workspaces_and_the_llm_agent_uses_its_own() {
    assertThat(putProvider(acme, acmeModel)).isEqualTo(201);
    assertThat(globex.get("/api/v1/providers").json().get("items")).isEmpty();
    assertThat(globex.get("/api/v1/providers/local").status()).isEqualTo(404);
    assertThat(globex.post("/api/v1/providers/local/test").status()).isEqualTo(404);
    // the same name in another workspace is another provider
    assertThat(putProvider(globex, globexModel)).isEqualTo(201);
    assertThat(
            acme.putJson("/api/v1/budgets", "{\"period\": \"daily\", \"limit_usd\": 5}").status())
        .isEqualTo(200);
    assertThat(globex.get("/api/v1/budgets").json().get("items")).isEmpty();
    assertThat(Api.send(globex.request("/api/v1/budgets?period=daily").DELETE().build()).status())
        .isEqualTo(404);

    acmeModel.script(Reply.text("{\"label\": \"bug\"}", 40, 6));
    assertThat(acme.deploy(LlmRoutesTest.TRIAGE).status()).isEqualTo(201);
    JsonNode run = acme.awaitFinished(acme.start("triage", "{\"text\": \"it crashes\"}"));

    assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("succeeded");
    assertThat(acmeModel.requests()).hasSize(1);
    assertThat(globexModel.requests()).isEmpty();
    JsonNode acmeCosts = acme.get("/api/v1/costs?group_by=flow").json();
    assertThat(acmeCosts.path("items").path(0).path("calls").asLong()).isEqualTo(1);
    assertThat(globex.get("/api/v1/costs").json().path("items")).isEmpty();
    assertThat(api.get("/api/v1/costs").json().path("items")).as("the owner's default").isEmpty();
    assertThat(
            acme.get("/api/v1/budgets").json().path("items").path(0).path("spent_usd").asDouble())
        .isPositive();
  }

  @Test
  void a_workspace_admin_reads_its_own_audit_entries_and_the_owner_reads_everyones() {
    assertThat(putProvider(acme, acmeModel)).isEqualTo(201);
    assertThat(putProvider(globex, globexModel)).isEqualTo(201);

    JsonNode acmeLog = acme.get("/api/v1/audit?limit=500").json().get("items");
    JsonNode ownerLog = api.get("/api/v1/audit?limit=500").json().get("items");

    assertThat(acmeLog).isNotEmpty();
    assertThat(workspaces(acmeLog)).containsExactly("acme");
    assertThat(workspaces(ownerLog)).contains("acme", "globex", "default");
    assertThat(acme.get("/api/v1/audit/verify").status()).isEqualTo(403);
    assertThat(api.get("/api/v1/audit/verify").json().get("intact").asBoolean()).isTrue();
  }

  @Test
  void a_subflow_reaches_only_flows_of_its_executions_workspace() {
    assertThat(globex.deploy(child("secret-child")).status()).isEqualTo(201);
    assertThat(acme.deploy(child("own-child")).status()).isEqualTo(201);
    assertThat(acme.deploy(parent("peeks", "secret-child")).status()).isEqualTo(201);
    assertThat(acme.deploy(parent("calls-own", "own-child")).status()).isEqualTo(201);

    JsonNode peeked = acme.awaitFinished(acme.start("peeks", "{}"));
    JsonNode own = acme.awaitFinished(acme.start("calls-own", "{}"));

    assertThat(peeked.path("status").asText()).as(peeked.toString()).isEqualTo("failed");
    assertThat(peeked.path("error").path("message").asText())
        .contains("no deployed version of flow 'secret-child'");
    assertThat(globex.get("/api/v1/executions").json().get("items"))
        .as("no execution started in the other workspace")
        .isEmpty();
    assertThat(own.path("status").asText()).as(own.toString()).isEqualTo("succeeded");
  }

  @Test
  void an_execution_never_calls_another_workspaces_private_agent() {
    var calls = new AtomicInteger();
    var echo = BuiltinAgents.load().resolve("echo").orElseThrow();
    try (var spy =
        AgentServer.start(
            call -> {
              calls.incrementAndGet();
              return echo.execute(call);
            },
            "spy",
            "1.0.0",
            0,
            "s3cret")) {
      assertThat(
              globex
                  .postJson(
                      "/api/v1/agents",
                      "{\"name\": \"spy\", \"version\": \"1.0.0\", \"url\": \"http://127.0.0.1:"
                          + spy.port()
                          + "\", \"description\": \"Spy\", \"secret\": \"s3cret\"}")
                  .status())
          .isEqualTo(201);
      // deploying refuses a flow that names it; a flow already stored (written past the routes,
      // as by an older release) must still not reach it when it runs
      assertThat(acme.deploy(usesAgent("snoops", "spy")).status()).isEqualTo(422);
      String acmeKey = acme.key();
      server.close();
      try (var store = JdbcStore.openDataDir(dataDir)) {
        var stored = new StoredFlow("snoops", "1.0.0", usesAgent("snoops", "spy"), Instant.now());
        store.flows().deploy(stored, "test", "acme");
        store.flows().approve("snoops", "1.0.0", "test", Instant.now());
      }
      server = AispineServer.start(config(), clock());
      acme = new Api(server.port(), acmeKey);

      JsonNode run = acme.awaitFinished(acme.start("snoops", "{}"));

      assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("failed");
      assertThat(run.path("error").path("code").asText()).isEqualTo("AGENT_NOT_FOUND");
      assertThat(run.path("error").path("message").asText()).startsWith("no agent matches 'spy");
      assertThat(calls).hasValue(0);
    }
  }

  private static Set<String> workspaces(JsonNode entries) {
    Set<String> seen = new HashSet<>();
    entries.forEach(e -> seen.add(e.get("workspace").asText()));
    return seen;
  }

  private static int putProvider(Api as, StandInLlm model) {
    return as.putJson(
            "/api/v1/providers/local",
            """
            {"kind": "openai", "base_url": "%s/v1", "default_model": "gpt-4o-mini"}"""
                .formatted(model.url()))
        .status();
  }

  private String adminKey(String workspace) {
    Api.Answer created =
        api.postJson(
            "/api/v1/keys",
            "{\"name\": \"admin\", \"role\": \"admin\", \"workspace\": \"" + workspace + "\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("key").asText();
  }

  private static String child(String id) {
    return """
        id: %s
        version: 1.0.0
        nodes:
          - {id: say, agent: echo, with: {said: hello}}
        outputs:
          said: "${nodes.say.output.said}"
        """
        .formatted(id);
  }

  private static String parent(String id, String child) {
    return """
        id: %s
        version: 1.0.0
        nodes:
          - {id: call, type: subflow, flow: %s}
        """
        .formatted(id, child);
  }

  private static String usesAgent(String id, String agent) {
    return """
        id: %s
        version: 1.0.0
        nodes:
          - {id: ask, agent: %s, with: {q: 1}}
        """
        .formatted(id, agent);
  }
}
