package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.aispine.agent.AgentResult;
import io.aispine.agents.serve.AgentServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Registering agent versions from manifests, showing and deprecating them, over real HTTP. */
class AgentRegistryTest extends ServerTestBase {

  private static final String SECRET = "whsec-registry-secret";

  private AgentServer served;

  @AfterEach
  void stopAgent() {
    if (served != null) {
      served.close();
    }
  }

  static String manifest(String version, String extra) {
    return """
        {"name": "greeter", "version": "%s", "description": "Greets people",
         "category": "messaging", "tags": ["greeting", "demo"],
         "input_schema": {"type": "object", "required": ["name"],
                          "properties": {"name": {"type": "string"}}},
         "output_schema": {"type": "object", "required": ["greeting"]},
         "sample_input": {"name": "Ada"},
         "pricing": {"model": "per_call", "usd_per_call": 0.002},
         "limits": {"rate_per_minute": 120, "max_concurrency": 4},
         "sensitive": true, "sensitive_actions": ["send"],
         "url": "http://127.0.0.1:1/greeter"%s}
        """
        .formatted(version, extra);
  }

  @Test
  void registers_a_version_from_its_manifest_and_shows_every_field_but_the_secret() {
    Api.Answer created =
        api.postJson("/api/v1/agents", manifest("1.0.0", ", \"secret\": \"" + SECRET + "\""));

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    JsonNode version = api.get("/api/v1/agents/greeter/versions/1.0.0").json();
    assertThat(version.get("category").asText()).isEqualTo("messaging");
    assertThat(version.get("tags").toString()).isEqualTo("[\"greeting\",\"demo\"]");
    assertThat(version.at("/input_schema/required/0").asText()).isEqualTo("name");
    assertThat(version.at("/output_schema/required/0").asText()).isEqualTo("greeting");
    assertThat(version.at("/pricing/model").asText()).isEqualTo("per_call");
    assertThat(version.at("/pricing/usd_per_call").asDouble()).isEqualTo(0.002);
    assertThat(version.at("/limits/rate_per_minute").asInt()).isEqualTo(120);
    assertThat(version.at("/limits/max_concurrency").asInt()).isEqualTo(4);
    assertThat(version.get("sensitive").asBoolean()).isTrue();
    assertThat(version.at("/sensitive_actions/0").asText()).isEqualTo("send");
    assertThat(version.get("signed").asBoolean()).isTrue();
    assertThat(version.get("deprecated").asBoolean()).isFalse();
    assertThat(version.at("/circuit/state").asText()).isEqualTo("closed");

    assertThat(api.postJson("/api/v1/agents", manifest("1.0.0", "")).status()).isEqualTo(200);
    Api.Answer changed =
        api.postJson("/api/v1/agents", manifest("1.0.0", "").replace("messaging", "chat"));
    assertThat(changed.status()).isEqualTo(409);
    assertThat(changed.json().get("detail").asText()).contains("another manifest");

    for (Api.Answer answer :
        List.of(
            created,
            changed,
            api.get("/api/v1/agents"),
            api.get("/api/v1/agents/greeter"),
            api.get("/api/v1/agents/greeter/versions/1.0.0"))) {
      assertThat(answer.body()).doesNotContain(SECRET);
    }
    assertThat(api.get("/api/v1/agents/greeter/versions/9.9.9").status()).isEqualTo(404);
    assertThat(api.get("/api/v1/agents/nobody/versions/1.0.0").status()).isEqualTo(404);
    assertThat(api.get("/api/v1/agents/echo/versions/1.0.0").json().get("version").asText())
        .isEqualTo("1.0.0");
  }

  @Test
  void the_limits_a_manifest_declares_are_in_force_until_an_operator_overrides_them() {
    assertThat(api.postJson("/api/v1/agents", manifest("1.0.0", "")).status()).isEqualTo(201);

    JsonNode declared = api.get("/api/v1/agents/greeter/limits").json();
    assertThat(declared.get("rate_per_minute").asInt()).isEqualTo(120);
    assertThat(declared.get("max_concurrency").asInt()).isEqualTo(4);
    assertThat(declared.at("/source/rate_per_minute").asText()).isEqualTo("manifest");

    api.putJson("/api/v1/agents/greeter/limits", "{\"rate_per_minute\": 7}");
    JsonNode overridden = api.get("/api/v1/agents/greeter/limits").json();
    assertThat(overridden.get("rate_per_minute").asInt()).isEqualTo(7);
    assertThat(overridden.at("/source/rate_per_minute").asText()).isEqualTo("override");
    assertThat(overridden.at("/source/max_concurrency").asText()).isEqualTo("manifest");
    assertThat(api.get("/api/v1/agents/greeter").json().at("/limits/rate_per_minute").asInt())
        .isEqualTo(7);
  }

  @Test
  void fetches_the_manifest_from_the_agent_when_only_its_url_is_given() {
    Map<String, Object> manifest =
        Map.of(
            "name", "greeter",
            "version", "2.1.0",
            "description", "Greets people",
            "input_schema", Map.of("type", "object"),
            "output_schema", Map.of("type", "object"));
    served =
        AgentServer.startWithManifest(
            call -> AgentResult.success(Map.of("greeting", "hi")),
            "greeter",
            "2.1.0",
            "127.0.0.1",
            0,
            null,
            manifest);
    String url = "http://127.0.0.1:" + served.port();

    Api.Answer created = api.postJson("/api/v1/agents", "{\"url\": \"" + url + "\"}");

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.json().at("/versions/0/version").asText()).isEqualTo("2.1.0");
    assertThat(created.json().at("/versions/0/url").asText()).isEqualTo(url);
    assertThat(created.json().at("/versions/0/input_schema/type").asText()).isEqualTo("object");

    served.close();
    Api.Answer gone = api.postJson("/api/v1/agents", "{\"url\": \"" + url + "\"}");
    assertThat(pointer(gone)).isEqualTo("/url");
    assertThat(gone.json().get("detail").asText()).contains(url + "/manifest");
    served = null;
  }

  @Test
  void rejects_invalid_manifests_naming_the_field() {
    assertThat(pointer(register(", \"input_schema\": {\"type\": \"thing\"}", "input_schema")))
        .isEqualTo("/input_schema");
    assertThat(pointer(register(", \"output_schema\": {\"required\": \"x\"}", "output_schema")))
        .isEqualTo("/output_schema");
    assertThat(pointer(register(", \"pricing\": {\"model\": \"gold\"}", "pricing")))
        .isEqualTo("/pricing/model");
    assertThat(pointer(register(", \"limits\": {\"max_concurrency\": 0}", "limits")))
        .isEqualTo("/limits/max_concurrency");
    assertThat(pointer(register(", \"sensitive\": \"yes\"", "sensitive"))).isEqualTo("/sensitive");
    assertThat(pointer(register(", \"tags\": [\"ok\", 3]", "tags"))).isEqualTo("/tags/1");
    assertThat(pointer(register(", \"colour\": \"red\"", "none"))).isEqualTo("/colour");
    assertThat(pointer(api.postJson("/api/v1/agents", "[1, 2]"))).isEqualTo("");
    Api.Answer secret =
        api.postJson(
            "/api/v1/agents",
            "{\"name\": \"a\", \"version\": \"1.0.0\", \"url\": \"http://x\", \"secret\": 42}");
    assertThat(pointer(secret)).isEqualTo("/secret");
    assertThat(secret.body()).doesNotContain("42");

    Api.Answer several =
        api.postJson(
            "/api/v1/agents",
            "{\"name\": \"Bad\", \"version\": \"1\", \"url\": \"http://x\", \"sensitive\": 1}");
    assertThat(several.json().get("errors").findValuesAsText("pointer"))
        .containsExactly("/name", "/version", "/sensitive");
  }

  @Test
  void deprecates_a_version_and_lifts_it_again() {
    api.postJson("/api/v1/agents", manifest("1.0.0", ""));
    api.postJson("/api/v1/agents", manifest("1.1.0", ""));
    assertThat(api.get("/api/v1/agents/greeter").json().get("latest").asText()).isEqualTo("1.1.0");

    Api.Answer deprecated =
        api.postJson(
            "/api/v1/agents/greeter/versions/1.1.0/deprecate",
            "{\"reason\": \"drops the name; use 1.0.0\"}");

    assertThat(deprecated.status()).as(deprecated.toString()).isEqualTo(200);
    assertThat(deprecated.json().get("deprecated").asBoolean()).isTrue();
    assertThat(deprecated.json().get("deprecation_reason").asText())
        .isEqualTo("drops the name; use 1.0.0");
    assertThat(deprecated.json().get("deprecated_at").asText()).isNotBlank();
    JsonNode agent = api.get("/api/v1/agents/greeter").json();
    assertThat(agent.get("latest").asText()).isEqualTo("1.0.0");
    assertThat(agent.at("/versions/1/deprecated").asBoolean()).isTrue();

    Api.Answer lifted = api.post("/api/v1/agents/greeter/versions/1.1.0/undeprecate");
    assertThat(lifted.json().get("deprecated").asBoolean()).isFalse();
    assertThat(lifted.json().get("deprecation_reason").isNull()).isTrue();
    assertThat(api.get("/api/v1/agents/greeter").json().get("latest").asText()).isEqualTo("1.1.0");

    assertThat(api.post("/api/v1/agents/greeter/versions/3.0.0/deprecate").status()).isEqualTo(404);
    assertThat(api.post("/api/v1/agents/echo/versions/1.0.0/deprecate").status()).isEqualTo(409);
    assertThat(
            pointer(
                api.postJson(
                    "/api/v1/agents/greeter/versions/1.0.0/deprecate", "{\"why\": \"old\"}")))
        .isEqualTo("/why");
  }

  private Api.Answer register(String extra, String what) {
    String body =
        "{\"name\": \"bad-"
            + what
            + "\", \"version\": \"1.0.0\", \"url\": \"http://x\""
            + extra
            + "}";
    return api.postJson("/api/v1/agents", body);
  }

  private static String pointer(Api.Answer answer) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    return answer.json().at("/errors/0/pointer").asText();
  }
}
