package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

class FlowRoutesTest extends ServerTestBase {

  @Test
  void deploys_a_flow_version_and_reads_it_back() {
    Api.Answer created = api.deploy(HELLO);

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("Location")).isEqualTo("/api/v1/flows/hello/versions/1.0.0");
    JsonNode flow = created.json();
    assertThat(flow.get("id").asText()).isEqualTo("hello");
    assertThat(flow.get("version").asText()).isEqualTo("1.0.0");
    assertThat(flow.get("description").asText()).isEqualTo("Says hello");
    assertThat(flow.at("/inputs/name/type").asText()).isEqualTo("string");
    assertThat(flow.at("/inputs/name/required").asBoolean()).isTrue();
    assertThat(flow.at("/nodes/0/id").asText()).isEqualTo("greet");
    assertThat(flow.at("/nodes/0/agent").asText()).isEqualTo("echo");
    assertThat(flow.at("/outputs/0").asText()).isEqualTo("message");
    assertThat(flow.get("yaml").asText()).isEqualTo(HELLO);

    assertThat(api.get("/api/v1/flows/hello").json()).isEqualTo(flow);
    assertThat(api.get("/api/v1/flows/hello/versions/1.0.0").json()).isEqualTo(flow);
  }

  @Test
  void answers_200_when_the_same_version_is_deployed_again_and_409_for_other_content() {
    assertThat(api.deploy(HELLO).status()).isEqualTo(201);
    assertThat(api.deploy(HELLO).status()).isEqualTo(200);

    Api.Answer conflict = api.deploy(HELLO.replace("Says hello", "Says hi"));
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.contentType()).startsWith("application/problem+json");
    assertThat(conflict.json().get("type").asText()).isEqualTo("urn:aispine:problem:conflict");
    assertThat(conflict.json().get("detail").asText()).contains("bump the version");
  }

  @Test
  void rejects_an_invalid_flow_with_422_naming_line_column_and_pointer() {
    String yaml =
        """
        id: broken
        version: 1.0.0
        nodes:
          - id: download
            agent: echo
          - id: ocr
            agent: echo
            needs: [dowload]
        """;

    Api.Answer answer = api.deploy(yaml);

    assertThat(answer.status()).isEqualTo(422);
    JsonNode problem = answer.json();
    assertThat(problem.get("type").asText()).isEqualTo("urn:aispine:problem:invalid-flow");
    assertThat(problem.get("instance").asText()).isEqualTo("/api/v1/flows");
    JsonNode error = problem.get("errors").get(0);
    assertThat(error.get("pointer").asText()).isEqualTo("/nodes/1/needs/0");
    assertThat(error.get("line").asInt()).isEqualTo(8);
    assertThat(error.get("column").asInt()).isPositive();
    assertThat(error.get("detail").asText()).contains("dowload").contains("download");
  }

  @Test
  void rejects_a_flow_calling_an_unknown_agent() {
    Api.Answer answer = api.deploy(HELLO.replace("agent: echo", "agent: nobody@^1"));

    assertThat(answer.status()).isEqualTo(422);
    assertThat(answer.json().at("/errors/0/pointer").asText()).isEqualTo("/nodes/0/agent");
    assertThat(answer.json().at("/errors/0/detail").asText()).contains("unknown agent 'nobody'");
  }

  @Test
  void answers_400_with_line_and_column_for_yaml_syntax_errors() {
    Api.Answer answer = api.deploy("id: x\nnodes: [\n  - {id: a\n");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().get("type").asText()).isEqualTo("urn:aispine:problem:bad-request");
    assertThat(answer.json().at("/errors/0/line").asInt()).isPositive();
  }

  @Test
  void refuses_a_flow_sent_as_json_with_415() {
    Api.Answer answer = api.postJson("/api/v1/flows", "{\"id\": \"x\"}");

    assertThat(answer.status()).isEqualTo(415);
    assertThat(answer.json().get("type").asText())
        .isEqualTo("urn:aispine:problem:unsupported-media-type");
  }

  @Test
  void lists_the_latest_version_of_each_flow_and_every_version_in_order() {
    api.deploy(HELLO);
    api.deploy(HELLO.replace("1.0.0", "1.10.0"));
    api.deploy(HELLO.replace("1.0.0", "1.9.0"));
    api.deploy(SLOW);

    JsonNode latest = api.get("/api/v1/flows").json().get("items");
    assertThat(latest).hasSize(2);
    assertThat(latest.findValuesAsText("version")).containsExactlyInAnyOrder("1.10.0", "1.0.0");

    JsonNode versions = api.get("/api/v1/flows/hello/versions").json().get("items");
    assertThat(versions.findValuesAsText("version")).containsExactly("1.0.0", "1.9.0", "1.10.0");
    assertThat(api.get("/api/v1/flows/hello").json().get("version").asText()).isEqualTo("1.10.0");
  }

  @Test
  void answers_404_for_unknown_flows_and_versions() {
    api.deploy(HELLO);
    for (String path :
        new String[] {
          "/api/v1/flows/nope", "/api/v1/flows/nope/versions",
          "/api/v1/flows/hello/versions/2.0.0", "/api/v1/flows/hello/versions/not-a-version"
        }) {
      Api.Answer answer = api.get(path);
      assertThat(answer.status()).as(path).isEqualTo(404);
      assertThat(answer.json().get("type").asText()).isEqualTo("urn:aispine:problem:not-found");
    }
  }

  @Test
  void answers_413_for_a_body_over_one_mebibyte() {
    String big = "id: big\nversion: 1.0.0\n# " + "x".repeat(1024 * 1024) + "\n";
    Api.Answer answer =
        Api.send(
            api.request("/api/v1/flows")
                .header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(big))
                .build());

    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.json().get("type").asText())
        .isEqualTo("urn:aispine:problem:payload-too-large");
  }
}
