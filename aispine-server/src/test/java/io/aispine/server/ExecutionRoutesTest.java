package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutionRoutesTest extends ServerTestBase {

  @Test
  void starts_an_execution_with_202_and_its_location_then_runs_it_to_the_end() {
    api.deploy(HELLO);

    Api.Answer started =
        api.postJson("/api/v1/flows/hello/executions", "{\"inputs\": {\"name\": \"Ada\"}}");

    assertThat(started.status()).isEqualTo(202);
    String id = started.json().get("id").asText();
    assertThat(id).startsWith("ex_");
    assertThat(started.header("Location")).isEqualTo("/api/v1/executions/" + id);
    assertThat(started.json().get("flow").asText()).isEqualTo("hello");
    assertThat(started.json().get("version").asText()).isEqualTo("1.0.0");
    assertThat(started.json().at("/inputs/name").asText()).isEqualTo("Ada");

    JsonNode done = api.awaitFinished(id);
    assertThat(done.get("status").asText()).isEqualTo("succeeded");
    assertThat(done.at("/outputs/message").asText()).isEqualTo("Hello, Ada!");
    assertThat(done.get("finished_at").isNull()).isFalse();
    JsonNode greet = done.get("nodes").get(0);
    assertThat(greet.get("path").asText()).isEqualTo("greet");
    assertThat(greet.get("status").asText()).isEqualTo("succeeded");
    assertThat(greet.at("/runs/0/idempotency_key").asText()).isEqualTo(id + "/greet/1");
    // the run names the version the reference was pinned to at start
    assertThat(greet.at("/runs/0/agent").asText()).isEqualTo("echo@1.0.0");
    assertThat(done.at("/agents/echo").asText()).isEqualTo("echo@1.0.0");
    assertThat(greet.at("/runs/0/duration_ms").isNumber()).isTrue();
  }

  @Test
  void keeps_an_accepted_execution_across_a_restart() {
    api.deploy(HELLO);
    String id = api.start("hello", "{\"name\": \"Ada\"}");

    restart();

    JsonNode after = api.awaitFinished(id);
    assertThat(after.get("status").asText()).isEqualTo("succeeded");
  }

  @Test
  void runs_the_version_asked_for_or_else_the_latest() {
    api.deploy(HELLO);
    api.deploy(HELLO.replace("1.0.0", "1.1.0"));

    Api.Answer latest =
        api.postJson("/api/v1/flows/hello/executions", "{\"inputs\": {\"name\": \"a\"}}");
    Api.Answer pinned =
        api.postJson(
            "/api/v1/flows/hello/executions",
            "{\"inputs\": {\"name\": \"a\"}, \"version\": \"1.0.0\"}");

    assertThat(latest.json().get("version").asText()).isEqualTo("1.1.0");
    assertThat(pinned.json().get("version").asText()).isEqualTo("1.0.0");
    assertThat(
            api.postJson(
                    "/api/v1/flows/hello/executions",
                    "{\"inputs\": {\"name\": \"a\"}, \"version\": \"9.9.9\"}")
                .status())
        .isEqualTo(404);
  }

  @Test
  void rejects_inputs_that_do_not_match_the_flow_with_422_naming_the_input() {
    api.deploy(HELLO);

    Api.Answer missing = api.postJson("/api/v1/flows/hello/executions", "{\"inputs\": {}}");
    Api.Answer wrongType =
        api.postJson("/api/v1/flows/hello/executions", "{\"inputs\": {\"name\": 42}}");

    assertThat(missing.status()).isEqualTo(422);
    assertThat(missing.json().get("type").asText()).isEqualTo("urn:aispine:problem:invalid-inputs");
    assertThat(missing.json().at("/errors/0/pointer").asText()).isEqualTo("/inputs/name");
    assertThat(wrongType.status()).isEqualTo(422);
    assertThat(wrongType.json().get("detail").asText()).contains("name");
  }

  @Test
  void rejects_unknown_fields_and_wrong_types_naming_the_field() {
    api.deploy(HELLO);

    Api.Answer unknown =
        api.postJson("/api/v1/flows/hello/executions", "{\"inputs\": {}, \"input\": {}}");
    Api.Answer wrongType = api.postJson("/api/v1/flows/hello/executions", "{\"version\": 5}");
    Api.Answer notAnObject = api.postJson("/api/v1/flows/hello/executions", "{\"inputs\": [1]}");
    Api.Answer malformed = api.postJson("/api/v1/flows/hello/executions", "{\"inputs\": ");

    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().at("/errors/0/pointer").asText()).isEqualTo("/input");
    assertThat(unknown.json().get("detail").asText()).contains("unknown field 'input'");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.json().at("/errors/0/pointer").asText()).isEqualTo("/version");
    assertThat(notAnObject.status()).isEqualTo(400);
    assertThat(notAnObject.json().at("/errors/0/pointer").asText()).isEqualTo("/inputs");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().get("detail").asText()).contains("malformed JSON");
  }

  @Test
  void retries_a_failed_execution_and_refuses_to_retry_one_that_did_not_fail() throws Exception {
    api.deploy(
        """
        id: flaky-booking
        version: 1.0.0
        nodes:
          - {id: prepare, agent: echo, with: {ok: true}}
          - {id: book, agent: fail, needs: prepare, with: {times: 1, retryable: false}}
        """);
    String id =
        api.postJson("/api/v1/flows/flaky-booking/executions", "{}").json().get("id").asText();
    org.awaitility.Awaitility.await()
        .until(
            () -> api.get("/api/v1/executions/" + id).json().get("status").asText(),
            "failed"::equals);

    Api.Answer retried = api.post("/api/v1/executions/" + id + "/retry");

    assertThat(retried.status()).isEqualTo(202);
    assertThat(retried.json().get("status").asText()).isEqualTo("running");
    org.awaitility.Awaitility.await()
        .until(
            () -> api.get("/api/v1/executions/" + id).json().get("status").asText(),
            "succeeded"::equals);
    var book = api.get("/api/v1/executions/" + id).json().at("/nodes/1");
    assertThat(book.get("path").asText()).isEqualTo("book");
    assertThat(book.get("attempts").asInt()).isEqualTo(2);
    Api.Answer again = api.post("/api/v1/executions/" + id + "/retry");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().get("detail").asText()).contains("only a failed execution");
    assertThat(api.post("/api/v1/executions/ex_nope/retry").status()).isEqualTo(404);
  }

  @Test
  void answers_404_for_an_unknown_flow_or_execution() {
    assertThat(api.postJson("/api/v1/flows/nope/executions", "{}").status()).isEqualTo(404);
    assertThat(api.get("/api/v1/executions/ex_nope").status()).isEqualTo(404);
    assertThat(api.get("/api/v1/executions/ex_nope/events").status()).isEqualTo(404);
    assertThat(api.post("/api/v1/executions/ex_nope/cancel").status()).isEqualTo(404);
  }

  @Test
  void lists_executions_newest_first_with_filters_and_cursor_pages() {
    api.deploy(HELLO);
    api.deploy(SLOW);
    List<String> hellos = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      hellos.add(api.start("hello", "{\"name\": \"n" + i + "\"}"));
    }
    String slow = api.start("slow", "{}");
    hellos.forEach(api::awaitFinished);

    JsonNode all = api.get("/api/v1/executions").json();
    assertThat(all.get("items").findValuesAsText("id").getFirst()).isEqualTo(slow);
    assertThat(all.get("next_cursor").isNull()).isTrue();

    List<String> paged = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page =
          api.get(
                  "/api/v1/executions?flow=hello&limit=2"
                      + (cursor == null ? "" : "&cursor=" + cursor))
              .json();
      paged.addAll(page.get("items").findValuesAsText("id"));
      cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
    } while (cursor != null);
    assertThat(paged).containsExactlyElementsOf(hellos.reversed());

    JsonNode running = api.get("/api/v1/executions?status=running").json().get("items");
    assertThat(running.findValuesAsText("id")).containsExactly(slow);
    JsonNode finished =
        api.get("/api/v1/executions?status=succeeded&status=failed").json().get("items");
    assertThat(finished).hasSize(5);
    JsonNode none = api.get("/api/v1/executions?until=2000-01-01T00:00:00Z").json().get("items");
    assertThat(none).isEmpty();
    assertThat(api.get("/api/v1/executions?since=2000-01-01T00:00:00Z").json().get("items"))
        .hasSize(6);
    api.post("/api/v1/executions/" + slow + "/cancel"); // so that closing need not wait for it
  }

  @Test
  void rejects_bad_list_parameters_naming_them() {
    for (String query :
        List.of(
            "limit=0",
            "limit=501",
            "limit=x",
            "status=done",
            "since=yesterday",
            "cursor=%25%25",
            "cursor=abc",
            "colour=red")) {
      Api.Answer answer = api.get("/api/v1/executions?" + query);
      assertThat(answer.status()).as(query).isEqualTo(400);
      assertThat(answer.json().at("/errors/0/parameter").asText())
          .as(query)
          .isEqualTo(query.substring(0, query.indexOf('=')));
    }
  }

  @Test
  void pages_through_an_execution_history() {
    api.deploy(HELLO);
    String id = api.start("hello", "{\"name\": \"Ada\"}");
    api.awaitFinished(id);

    JsonNode all = api.get("/api/v1/executions/" + id + "/events").json();
    List<String> types = all.get("items").findValuesAsText("type");
    assertThat(types.getFirst()).isEqualTo("execution.started");
    assertThat(types.getLast()).isEqualTo("execution.completed");
    assertThat(all.at("/items/0/seq").asLong()).isEqualTo(1);

    List<Long> seqs = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page =
          api.get(
                  "/api/v1/executions/"
                      + id
                      + "/events?limit=2"
                      + (cursor == null ? "" : "&cursor=" + cursor))
              .json();
      page.get("items").forEach(e -> seqs.add(e.get("seq").asLong()));
      cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
    } while (cursor != null);
    assertThat(seqs).hasSize(types.size()).isSorted().doesNotHaveDuplicates();
    assertThat(
            api.get("/api/v1/executions/" + id + "/events?after=2")
                .json()
                .at("/items/0/seq")
                .asLong())
        .isEqualTo(3);
  }

  @Test
  void cancels_a_running_execution_and_refuses_to_cancel_a_finished_one() {
    api.deploy(SLOW);
    api.deploy(HELLO);
    String slow = api.start("slow", "{}");

    Api.Answer cancelled = api.post("/api/v1/executions/" + slow + "/cancel");

    assertThat(cancelled.status()).isEqualTo(202);
    assertThat(api.awaitFinished(slow).get("status").asText()).isEqualTo("cancelled");
    Api.Answer again = api.post("/api/v1/executions/" + slow + "/cancel");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().get("detail").asText()).contains("already finished");
  }
}
