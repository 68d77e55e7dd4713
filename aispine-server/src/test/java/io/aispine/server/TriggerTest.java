package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Triggers on a real server: schedules read an injected clock (no test waits for a cron minute),
 * webhooks are signed over real HTTP, event triggers chain real executions.
 */
class TriggerTest extends ServerTestBase {

  private static final Instant T0 = Instant.parse("2026-12-01T09:59:30Z");
  private final FakeClock clock = new FakeClock(T0);

  @BeforeAll
  static void fastPolls() {
    System.setProperty("aispine.trigger.poll", "20ms");
  }

  @AfterAll
  static void defaultPolls() {
    System.clearProperty("aispine.trigger.poll");
  }

  @Override
  protected InstantSource clock() {
    return clock;
  }

  private static String scheduled(String id, String version, String missed) {
    return """
        id: %s
        version: %s
        inputs:
          at: {type: string}
        triggers:
          - id: minutely
            type: schedule
            cron: "* * * * *"
            missed: %s
            inputs: {at: "${trigger.scheduled_at}"}
        nodes:
          - id: note
            agent: echo
            with: {at: "${inputs.at}"}
        """
        .formatted(id, version, missed);
  }

  /** The scheduled_at input of every execution of the flow, oldest fire first. */
  private List<String> fires(String flow) {
    JsonNode items = api.get("/api/v1/executions?flow=" + flow + "&limit=500").json().get("items");
    var ids = new ArrayList<String>();
    items.forEach(e -> ids.add(e.get("id").asText()));
    var at = new ArrayList<String>();
    for (String id : ids.reversed()) {
      at.add(api.get("/api/v1/executions/" + id).json().at("/inputs/at").asText());
    }
    at.sort(null);
    return at;
  }

  private void awaitFires(String flow, String... expected) {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(fires(flow)).containsExactly(expected));
  }

  @Test
  void a_draft_never_fires_and_its_approval_fires_each_instant_once() {
    assertThat(api.deployDraft(scheduled("draft", "1.0.0", "run_all")).status()).isEqualTo(201);
    // a witness approved from the start: once it fired for an instant, the runner passed over it
    assertThat(api.deploy(scheduled("witness", "1.0.0", "run_all")).status()).isEqualTo(201);
    assertThat(api.get("/api/v1/triggers").json().get("items"))
        .extracting(t -> t.get("name").asText())
        .containsExactly("witness.minutely");

    clock.advance(Duration.ofSeconds(31)); // 10:00:01
    awaitFires("witness", "2026-12-01T10:00:00Z");
    clock.advance(Duration.ofMinutes(1)); // 10:01:01
    awaitFires("witness", "2026-12-01T10:00:00Z", "2026-12-01T10:01:00Z");
    assertThat(fires("draft")).isEmpty();

    assertThat(api.post("/api/v1/flows/draft/versions/1.0.0/approve").status()).isEqualTo(200);
    JsonNode next = api.get("/api/v1/triggers/draft.minutely/next?count=2").json();
    assertThat(next.get("fires"))
        .extracting(JsonNode::asText)
        .containsExactly("2026-12-01T10:02:00Z", "2026-12-01T10:03:00Z");
    clock.advance(Duration.ofMinutes(1)); // 10:02:01
    awaitFires("draft", "2026-12-01T10:02:00Z");
    awaitFires("witness", "2026-12-01T10:00:00Z", "2026-12-01T10:01:00Z", "2026-12-01T10:02:00Z");
    assertThat(fires("draft")).containsExactly("2026-12-01T10:02:00Z");
  }

  @Test
  void a_restart_neither_skips_nor_repeats_and_run_once_catches_up_once() {
    api.deploy(scheduled("report", "1.0.0", "run_once"));
    api.get("/api/v1/triggers"); // records the trigger: next fire 10:00
    clock.advance(Duration.ofSeconds(31));
    awaitFires("report", "2026-12-01T10:00:00Z");
    restart();
    awaitFires("report", "2026-12-01T10:00:00Z"); // the restart repeats nothing
    server.close();
    clock.advance(Duration.ofMinutes(5)); // 10:05:01: 10:01 … 10:04 missed, 10:05 on time
    server = AispineServer.start(config(), clock());
    api = new Api(server.port(), adminKey);
    awaitFires("report", "2026-12-01T10:00:00Z", "2026-12-01T10:04:00Z", "2026-12-01T10:05:00Z");
  }

  @Test
  void a_new_approved_version_replaces_the_triggers_and_pause_holds_fires() {
    api.deploy(scheduled("report", "1.0.0", "skip"));
    assertThat(api.get("/api/v1/triggers").json().at("/items/0/version").asText())
        .isEqualTo("1.0.0");
    String v2 =
        scheduled("report", "1.1.0", "skip")
            .replace("id: minutely", "id: hourly")
            .replace("\"* * * * *\"", "\"0 * * * *\"");
    api.deploy(v2);
    JsonNode items = api.get("/api/v1/triggers").json().get("items");
    assertThat(items).extracting(t -> t.get("name").asText()).containsExactly("report.hourly");
    assertThat(items.get(0).get("next_fire_at").asText()).isEqualTo("2026-12-01T10:00:00Z");

    JsonNode paused = api.post("/api/v1/triggers/report.hourly/pause").json();
    assertThat(paused.get("paused").asBoolean()).isTrue();
    assertThat(api.get("/api/v1/triggers/report.hourly/next").json().get("fires")).isEmpty();
    api.deploy(scheduled("witness", "1.0.0", "skip"));
    api.get("/api/v1/triggers");
    clock.advance(Duration.ofSeconds(31));
    awaitFires("witness", "2026-12-01T10:00:00Z");
    assertThat(fires("report")).isEmpty();
    JsonNode resumed = api.post("/api/v1/triggers/report.hourly/resume").json();
    assertThat(resumed.get("next_fire_at").asText()).isEqualTo("2026-12-01T11:00:00Z");
    assertThat(api.post("/api/v1/triggers/report.nope/pause").status()).isEqualTo(404);
  }

  private static final String HOOKED =
      """
      id: hooked
      version: 1.0.0
      inputs:
        repo: {type: string, required: true}
      triggers:
        - id: push
          type: webhook
          secret: HOOK_SECRET
          inputs: {repo: "${payload.repository.full_name}"}
        - id: github
          type: webhook
          secret: GH_SECRET
          signature: github
          inputs: {repo: "${payload.repository.full_name}"}
      nodes:
        - id: note
          agent: echo
          with: {repo: "${inputs.repo}"}
      outputs:
        repo: "${nodes.note.output.repo}"
      """;

  private static final String SECRET =
      "whsec_"
          + Base64.getEncoder()
              .encodeToString("a-very-secret-signing-key".getBytes(StandardCharsets.UTF_8));
  private static final String BODY = "{\"repository\": {\"full_name\": \"acme/site\"}}";

  private static byte[] hmac(byte[] key, String data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
  }

  private Api.Answer standard(String path, String id, long timestamp, String body, String secret)
      throws Exception {
    byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
    String signature =
        "v1," + Base64.getEncoder().encodeToString(hmac(key, id + "." + timestamp + "." + body));
    return Api.send(
        HttpRequest.newBuilder(URI.create(api.base() + path))
            .header("Content-Type", "application/json")
            .header("webhook-id", id)
            .header("webhook-timestamp", Long.toString(timestamp))
            .header("webhook-signature", signature)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private void secret(String name, String value) {
    assertThat(api.putJson("/api/v1/secrets/" + name, "{\"value\": \"" + value + "\"}").status())
        .isIn(200, 201);
  }

  @Test
  void a_signed_webhook_starts_once_per_delivery_and_a_bad_signature_starts_nothing()
      throws Exception {
    api.deploy(HOOKED);
    secret("HOOK_SECRET", SECRET);
    api.get("/api/v1/triggers");
    long now = clock.instant().getEpochSecond();
    String path = "/hooks/default/hooked.push";

    Api.Answer first = standard(path, "msg_1", now, BODY, SECRET);
    assertThat(first.status()).as(first.body()).isEqualTo(202);
    String id = first.json().get("execution_id").asText();
    assertThat(first.json().get("started").asBoolean()).isTrue();
    assertThat(api.awaitFinished(id).at("/outputs/repo").asText()).isEqualTo("acme/site");

    // a redelivery (same webhook-id, signed again later) starts nothing new
    Api.Answer again = standard(path, "msg_1", now + 30, BODY, SECRET);
    assertThat(again.status()).isEqualTo(202);
    assertThat(again.json().get("execution_id").asText()).isEqualTo(id);
    assertThat(again.json().get("started").asBoolean()).isFalse();

    String otherSecret = "whsec_" + Base64.getEncoder().encodeToString("wrong".getBytes());
    Api.Answer forged = standard(path, "msg_2", now, BODY, otherSecret);
    assertThat(forged.status()).isEqualTo(401);
    assertThat(forged.header("Content-Type")).startsWith("application/problem+json");
    assertThat(forged.json().get("detail").asText()).contains("webhook-signature does not match");
    Api.Answer replayed = standard(path, "msg_3", now - 600, BODY, SECRET);
    assertThat(replayed.status()).isEqualTo(401);
    assertThat(replayed.json().get("detail").asText()).contains("more than 5 minutes");
    Api.Answer unsigned =
        Api.send(
            HttpRequest.newBuilder(URI.create(api.base() + path))
                .POST(HttpRequest.BodyPublishers.ofString(BODY))
                .build());
    assertThat(unsigned.status()).isEqualTo(401);
    assertThat(api.get("/api/v1/executions?flow=hooked").json().get("items")).hasSize(1);
  }

  @Test
  void a_github_signed_delivery_is_verified_by_x_hub_signature_256() throws Exception {
    api.deploy(HOOKED);
    secret("GH_SECRET", "gh-secret");
    api.get("/api/v1/triggers");
    String signature =
        "sha256="
            + HexFormat.of().formatHex(hmac("gh-secret".getBytes(StandardCharsets.UTF_8), BODY));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(api.base() + "/hooks/default/hooked.github"))
            .header("X-GitHub-Delivery", "d-1")
            .POST(HttpRequest.BodyPublishers.ofString(BODY));
    Api.Answer bad = Api.send(request.copy().header("X-Hub-Signature-256", "sha256=00ff").build());
    assertThat(bad.status()).isEqualTo(401);
    Api.Answer good = Api.send(request.copy().header("X-Hub-Signature-256", signature).build());
    assertThat(good.status()).as(good.body()).isEqualTo(202);
    assertThat(
            api.awaitFinished(good.json().get("execution_id").asText())
                .at("/outputs/repo")
                .asText())
        .isEqualTo("acme/site");
  }

  @Test
  void an_event_trigger_starts_its_flow_with_the_ended_executions_outputs() {
    api.deploy(HELLO);
    api.deploy(
        """
        id: follow-up
        version: 1.0.0
        inputs:
          said: {type: string, required: true}
          source: {type: string}
        triggers:
          - id: after-hello
            type: event
            flow: hello
            status: succeeded
            inputs: {said: "${outputs.message}", source: "${execution.id}"}
        nodes:
          - id: echo
            agent: echo
            with: {said: "${inputs.said}"}
        """);
    api.get("/api/v1/triggers");
    String hello = api.start("hello", "{\"name\": \"Ada\"}");
    api.awaitFinished(hello);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> api.get("/api/v1/executions?flow=follow-up").json().get("items").size() == 1);
    String id = api.get("/api/v1/executions?flow=follow-up").json().at("/items/0/id").asText();
    JsonNode followUp = api.awaitFinished(id);
    assertThat(followUp.at("/inputs/said").asText()).isEqualTo("Hello, Ada!");
    assertThat(followUp.at("/inputs/source").asText()).isEqualTo(hello);
  }

  @Test
  void another_workspace_neither_sees_nor_reaches_the_triggers() throws Exception {
    api.deploy(HOOKED);
    secret("HOOK_SECRET", SECRET);
    assertThat(api.get("/api/v1/triggers").json().get("items")).hasSize(2);
    assertThat(api.postJson("/api/v1/workspaces", "{\"id\": \"other\"}").status()).isEqualTo(201);
    Api.Answer created =
        api.postJson(
            "/api/v1/keys", "{\"name\": \"o\", \"role\": \"admin\", \"workspace\": \"other\"}");
    var other = new Api(server.port(), created.json().get("key").asText());
    assertThat(other.get("/api/v1/triggers").json().get("items")).isEmpty();
    assertThat(other.get("/api/v1/triggers/hooked.push").status()).isEqualTo(404);
    assertThat(other.post("/api/v1/triggers/hooked.push/pause").status()).isEqualTo(404);
    long now = clock.instant().getEpochSecond();
    Api.Answer elsewhere = standard("/hooks/other/hooked.push", "m1", now, BODY, SECRET);
    assertThat(elsewhere.status()).isEqualTo(404);
    assertThat(api.get("/api/v1/executions?flow=hooked").json().get("items")).isEmpty();
  }
}
