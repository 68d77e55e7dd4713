package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.aispine.agent.BuiltinAgents;
import io.aispine.agents.serve.AgentServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every API route of the OpenAPI document × every role × a target in the caller's own workspace and
 * in another one: the status must be the one the route's least role ({@code x-aispine-role}) and
 * the workspace rule give. A route of the document that this test cannot call fails it.
 * docs/security.md holds the role table generated from the same run.
 */
class RoleMatrixTest extends ServerTestBase {

  private static final List<String> ROLES = List.of("viewer", "operator", "admin", "owner");
  private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");
  private static final Path SECURITY_DOC = Path.of("..", "docs", "security.md");
  private static final String TABLE_START = "<!-- role-table:start -->";
  private static final String TABLE_END = "<!-- role-table:end -->";

  /** What a workspace holds for the matrix to aim at. */
  private record Fixture(
      String workspace,
      String adminKey,
      String flow,
      String execution,
      String approval,
      String agent,
      String spareKey,
      String secret,
      String provider,
      String webhook) {

    Fixture withWebhook(String id) {
      return new Fixture(
          workspace, adminKey, flow, execution, approval, agent, spareKey, secret, provider, id);
    }
  }

  private AgentServer agentServer;
  private final Map<String, Fixture> fixtures = new LinkedHashMap<>();
  private final Map<String, String> keys = new LinkedHashMap<>();
  private final AtomicInteger serial = new AtomicInteger();

  /** A model provider nothing listens behind: its test answers "down", which is an answer. */
  private static final String PROVIDER_JSON =
      "{\"kind\": \"openai\", \"base_url\": \"http://127.0.0.1:9/v1\", \"default_model\": \"m\"}";

  @BeforeEach
  void workspaces() {
    agentServer =
        AgentServer.start(
            BuiltinAgents.load().resolve("echo").orElseThrow(), "matrix", "1.0.0", 0, "s3cret");
    for (String id : List.of("acme", "globex")) {
      assertThat(
              api.postJson("/api/v1/workspaces", "{\"id\": \"" + id + "\", \"plan\": \"scale\"}")
                  .status())
          .isEqualTo(201);
    }
    fixtures.put("default", fixture("default", adminKey));
    fixtures.put("acme", fixture("acme", createKey(adminKey, "acme", "admin")));
    fixtures.put("globex", fixture("globex", createKey(adminKey, "globex", "admin")));
    String acmeAdmin = fixtures.get("acme").adminKey();
    keys.put("viewer", createKey(acmeAdmin, null, "viewer"));
    keys.put("operator", createKey(acmeAdmin, null, "operator"));
    keys.put("admin", acmeAdmin);
    keys.put("owner", adminKey);
  }

  @AfterEach
  void stopAgent() {
    agentServer.close();
  }

  @Test
  void every_route_answers_every_role_in_its_own_and_a_foreign_workspace_as_the_table_says()
      throws IOException {
    JsonNode paths = api.get("/openapi.json").json().get("paths");
    Map<String, Map<String, String>> table = new LinkedHashMap<>();
    List<String> wrong = new ArrayList<>();
    for (Iterator<String> it = paths.fieldNames(); it.hasNext(); ) {
      String path = it.next();
      if (!path.startsWith("/api/v1/")) {
        continue;
      }
      for (Iterator<Map.Entry<String, JsonNode>> ops = paths.get(path).fields(); ops.hasNext(); ) {
        var op = ops.next();
        String method = op.getKey().toUpperCase(Locale.ROOT);
        JsonNode least = op.getValue().get("x-aispine-role");
        if (least == null) {
          wrong.add(method + " " + path + ": no x-aispine-role (add it to RouteRoles)");
          continue;
        }
        Map<String, String> row = new LinkedHashMap<>();
        for (String role : ROLES) {
          if (path.startsWith("/api/v1/webhooks/")) {
            restoreWebhooks();
          }
          boolean allowed = ROLES.indexOf(role) >= ROLES.indexOf(least.asText());
          String own = ownWorkspace(role);
          String foreign = foreignWorkspace(role);
          int ownStatus = call(role, method, path, fixtures.get(own));
          int foreignStatus = call(role, method, path, fixtures.get(foreign));
          check(wrong, method, path, role, "own", ownStatus, allowed ? "allowed" : "403");
          String foreignExpected =
              !allowed ? "403" : hidesForeign(method, path) ? "404" : "allowed";
          check(wrong, method, path, role, "foreign", foreignStatus, foreignExpected);
          if (allowed && hidesForeign(method, path)) {
            sameAsMissing(wrong, role, method, path, fixtures.get(foreign));
          }
          row.put(role, allowed ? (hidesForeign(method, path) ? "yes (own)" : "yes") : "no");
        }
        table.put(method + " " + path, row);
      }
    }
    assertThat(wrong).as("routes whose answer differs from the role table").isEmpty();
    assertThat(table).as("the matrix saw no route").isNotEmpty();
    compareWithDoc(markdown(table));
  }

  private static String ownWorkspace(String role) {
    return role.equals("owner") ? "default" : "acme";
  }

  private static String foreignWorkspace(String role) {
    return role.equals("owner") ? "acme" : "globex";
  }

  /** Routes naming an object that belongs to one workspace: another's reads as missing. */
  private static boolean hidesForeign(String method, String path) {
    if (path.startsWith("/api/v1/workspaces/")) {
      return false; // workspaces are the owner's across the server
    }
    if (putsOwn(method, path)) {
      return false; // a PUT sets the caller's own: there is no foreign one to aim at
    }
    return PARAM.matcher(path).find();
  }

  /** Routes whose PUT names an object of the caller's workspace by a name it chooses. */
  private static boolean putsOwn(String method, String path) {
    return method.equals("PUT")
        && (path.equals("/api/v1/secrets/{name}") || path.equals("/api/v1/providers/{name}"));
  }

  private void check(
      List<String> wrong,
      String method,
      String path,
      String role,
      String target,
      int status,
      String expected) {
    boolean ok =
        switch (expected) {
          case "allowed" ->
              status < 500 && status != 401 && status != 403 && status != 404 && status != 429;
          default -> status == Integer.parseInt(expected);
        };
    if (!ok) {
      wrong.add(
          method
              + " "
              + path
              + " as "
              + role
              + " on "
              + target
              + ": "
              + status
              + ", expected "
              + expected);
    }
  }

  /** A foreign id answers exactly as an id that does not exist (no existence oracle). */
  private void sameAsMissing(
      List<String> wrong, String role, String method, String path, Fixture foreign) {
    Fixture missing =
        new Fixture(
            foreign.workspace(),
            foreign.adminKey(),
            "no-such-flow",
            "ex_nosuch",
            "ap_nosuch",
            "no-such-agent",
            "key_nosuch",
            "NO_SUCH",
            "no-such-provider",
            "wh_nosuch");
    Reply hidden = send(role, method, path, foreign);
    Reply absent = send(role, method, path, missing);
    String a = normalise(hidden, foreign);
    String b = normalise(absent, missing);
    if (hidden.status() != absent.status() || !a.equals(b)) {
      wrong.add(
          method
              + " "
              + path
              + " as "
              + role
              + ": a foreign id answers "
              + hidden.status()
              + " "
              + a
              + " but a missing one "
              + absent.status()
              + " "
              + b);
    }
  }

  private static String normalise(Reply answer, Fixture f) {
    String detail = answer.detail();
    for (String id :
        List.of(
            f.flow(),
            f.execution(),
            f.approval(),
            f.agent(),
            f.spareKey(),
            f.secret(),
            f.provider(),
            f.webhook())) {
      detail = detail.replace(id, "<id>");
    }
    return detail;
  }

  private int call(String role, String method, String path, Fixture target) {
    return send(role, method, path, target).status();
  }

  private Reply send(String role, String method, String path, Fixture target) {
    String own = ownWorkspace(role);
    if (path.startsWith("/api/v1/providers/")) {
      // put back what an earlier DELETE took, so that the own case finds it
      new Api(server.port(), fixtures.get(own).adminKey())
          .putJson("/api/v1/providers/" + fixtures.get(own).provider(), PROVIDER_JSON);
    }
    if (path.equals("/api/v1/secrets/{name}") && method.equals("DELETE")) {
      // put back what an earlier DELETE took, so that the own case finds it
      new Api(server.port(), fixtures.get(own).adminKey())
          .putJson("/api/v1/secrets/" + fixtures.get(own).secret(), "{\"value\": \"v\"}");
    }
    // a PUT names a secret or provider of the caller's own workspace
    String url = putsOwn(method, path) ? fill(path, fixtures.get(own)) : fill(path, target);
    String body = body(method, path, fixtures.get(own));
    var request = new Api(server.port(), keys.get(role)).request(url);
    HttpRequest.BodyPublisher publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body);
    if (body != null) {
      request.header(
          "Content-Type", path.equals("/api/v1/flows") ? "application/yaml" : "application/json");
    }
    if (path.endsWith("/stream")) {
      request.header("Accept", "text/event-stream");
    }
    try {
      HttpResponse<InputStream> response =
          Api.CLIENT.send(
              request.method(method, publisher).build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = response.body()) {
        // an open event stream answers 200 with its headers and never ends: do not read it
        String text =
            response.statusCode() == 200 && path.endsWith("/stream")
                ? ""
                : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        return new Reply(response.statusCode(), text);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** A status and body. */
  private record Reply(int status, String body) {
    String detail() {
      try {
        return Api.JSON.readTree(body).path("detail").asText();
      } catch (IOException e) {
        return body;
      }
    }
  }

  private static String fill(String path, Fixture f) {
    Matcher m = PARAM.matcher(path);
    StringBuilder url = new StringBuilder();
    while (m.find()) {
      String value =
          switch (path.substring(0, m.start()) + m.group(1)) {
            case "/api/v1/flows/id" -> f.flow();
            case "/api/v1/flows/" + "{id}/versions/version" -> "1.0.0";
            case "/api/v1/executions/id" -> f.execution();
            case "/api/v1/approvals/id" -> f.approval();
            case "/api/v1/agents/name" -> f.agent();
            case "/api/v1/agents/{name}/versions/version" -> "1.0.0";
            case "/api/v1/keys/id" -> f.spareKey();
            case "/api/v1/secrets/name" -> f.secret();
            case "/api/v1/workspaces/id" -> f.workspace();
            case "/api/v1/providers/name" -> f.provider();
            case "/api/v1/triggers/name" -> "timed-" + f.workspace() + ".tick";
            case "/api/v1/webhooks/id" -> f.webhook();
            default -> {
              fail("the role matrix has no value for {" + m.group(1) + "} of " + path);
              yield "";
            }
          };
      m.appendReplacement(url, Matcher.quoteReplacement(value));
    }
    m.appendTail(url);
    return url.toString();
  }

  private String body(String method, String path, Fixture own) {
    if (method.equals("GET") || method.equals("DELETE")) {
      return null;
    }
    return switch (path) {
      case "/api/v1/flows" -> flowYaml(own.flow());
      case "/api/v1/flows/{id}/executions" -> "{}";
      case "/api/v1/executions/{id}/replay" -> "{\"from\": \"ask\"}";
      case "/api/v1/approvals/{id}/approve", "/api/v1/approvals/{id}/reject" -> "{}";
      case "/api/v1/agents" -> agentJson(own.agent());
      case "/api/v1/agents/{name}/versions/{version}/deprecate" -> "{\"reason\": \"old\"}";
      case "/api/v1/agents/{name}/limits" -> "{\"rate_per_minute\": 1000}";
      case "/api/v1/secrets/{name}" -> "{\"value\": \"v\"}";
      case "/api/v1/keys" -> "{\"name\": \"matrix\", \"role\": \"viewer\"}";
      case "/api/v1/workspaces" -> "{\"id\": \"m" + serial.incrementAndGet() + "\"}";
      case "/api/v1/workspaces/{id}/quota" -> "{\"plan\": \"scale\"}";
      case "/api/v1/flows/{id}/versions/{version}/reject" -> "{\"reason\": \"matrix\"}";
      // switching panic mode off leaves the server as it was for the routes after it
      case "/api/v1/panic" -> "{\"on\": false}";
      case "/api/v1/providers/{name}" -> PROVIDER_JSON;
      case "/api/v1/budgets" -> "{\"period\": \"daily\", \"limit_usd\": 100}";
      case "/api/v1/webhooks" -> WEBHOOK_JSON;
      case "/api/v1/webhooks/{id}/redeliver" -> "{}";
      case "/api/v1/executions/{id}/cancel",
          "/api/v1/executions/{id}/retry",
          "/api/v1/agents/{name}/versions/{version}/undeprecate",
          "/api/v1/agents/{name}/health-check",
          "/api/v1/agents/{name}/circuit/reset",
          "/api/v1/agents/{name}/drain",
          "/api/v1/agents/{name}/undrain",
          "/api/v1/secrets/rotate",
          "/api/v1/flows/{id}/versions/{version}/approve",
          "/api/v1/providers/{name}/test",
          "/api/v1/providers/{name}/default",
          "/api/v1/triggers/{name}/pause",
          "/api/v1/triggers/{name}/resume",
          "/api/v1/webhooks/{id}/test" ->
          null;
      default -> {
        fail("the role matrix has no request body for " + method + " " + path);
        yield null;
      }
    };
  }

  private Fixture fixture(String workspace, String admin) {
    var as = new Api(server.port(), admin);
    String flow = "flow-" + workspace;
    String agent = "agent-" + workspace;
    assertThat(as.postJson("/api/v1/agents", agentJson(agent)).status()).isEqualTo(201);
    assertThat(as.postYaml("/api/v1/flows?approve=true", flowYaml(flow)).status()).isEqualTo(201);
    // a flow of its own for the trigger routes: the matrix rejects the main flow's version
    String timed =
        """
        id: timed-%s
        version: 1.0.0
        triggers:
          - {id: tick, type: schedule, cron: "0 3 * * *"}
        nodes:
          - {id: only, agent: echo}
        """
            .formatted(workspace);
    assertThat(as.postYaml("/api/v1/flows?approve=true", timed).status()).isEqualTo(201);
    String execution = as.start(flow, "{}");
    String approval = awaitApproval(as, execution);
    String spare =
        as.postJson("/api/v1/keys", "{\"name\": \"spare\", \"role\": \"viewer\"}")
            .json()
            .get("id")
            .asText();
    String secret = "S_" + workspace.toUpperCase(Locale.ROOT);
    assertThat(as.putJson("/api/v1/secrets/" + secret, "{\"value\": \"v\"}").status())
        .isEqualTo(201);
    String provider = "provider-" + workspace;
    assertThat(as.putJson("/api/v1/providers/" + provider, PROVIDER_JSON).status()).isEqualTo(201);
    return new Fixture(workspace, admin, flow, execution, approval, agent, spare, secret, provider, webhook(as));
  }

  /** A webhook nothing listens behind: its deliveries fail and wait, which is an answer. */
  private static final String WEBHOOK_JSON =
      "{\"url\": \"http://127.0.0.1:9/hook\", \"event_types\": [\"approval.*\"]}";

  private static String webhook(Api as) {
    Api.Answer created = as.postJson("/api/v1/webhooks", WEBHOOK_JSON);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("id").asText();
  }

  /** Puts back the webhooks an earlier DELETE took, so that each call finds its target. */
  private void restoreWebhooks() {
    fixtures.replaceAll(
        (workspace, f) -> {
          var as = new Api(server.port(), f.adminKey());
          return as.get("/api/v1/webhooks/" + f.webhook()).status() == 404
              ? f.withWebhook(webhook(as))
              : f;
        });
  }

  private static String awaitApproval(Api as, String execution) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> as.get("/api/v1/approvals?execution=" + execution).json().get("items"),
            items -> items.size() > 0)
        .get(0)
        .get("id")
        .asText();
  }

  private String createKey(String admin, String workspace, String role) {
    String body =
        "{\"name\": \""
            + role
            + "\", \"role\": \""
            + role
            + "\""
            + (workspace == null ? "" : ", \"workspace\": \"" + workspace + "\"")
            + "}";
    Api.Answer created = new Api(server.port(), admin).postJson("/api/v1/keys", body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("key").asText();
  }

  private String agentJson(String name) {
    return "{\"name\": \""
        + name
        + "\", \"version\": \"1.0.0\", \"url\": \"http://127.0.0.1:"
        + agentServer.port()
        + "\", \"description\": \"Matrix\", \"secret\": \"s3cret\"}";
  }

  private static String flowYaml(String id) {
    return """
        id: %s
        version: 1.0.0
        nodes:
          - id: first
            agent: echo
            with: {step: 1}
          - {id: ask, type: approval, needs: [first], message: "Go?", approvers: {roles: operator}}
        """
        .formatted(id);
  }

  private static String markdown(Map<String, Map<String, String>> table) {
    StringBuilder md = new StringBuilder();
    md.append("| route | viewer | operator | admin | owner |\n");
    md.append("|---|---|---|---|---|\n");
    table.forEach(
        (route, row) -> {
          md.append("| `").append(route).append("` |");
          for (String role : ROLES) {
            md.append(' ').append(row.get(role)).append(" |");
          }
          md.append('\n');
        });
    return md.toString();
  }

  /**
   * The table in docs/security.md must be this run's; {@code -Daispine.updateDocs=true} rewrites
   * it.
   */
  private static void compareWithDoc(String generated) throws IOException {
    String doc = Files.readString(SECURITY_DOC, StandardCharsets.UTF_8);
    int start = doc.indexOf(TABLE_START);
    int end = doc.indexOf(TABLE_END);
    assertThat(start).as("docs/security.md needs " + TABLE_START + " … " + TABLE_END).isPositive();
    String current = doc.substring(start + TABLE_START.length(), end).strip() + "\n";
    if (Boolean.getBoolean("aispine.updateDocs")) {
      Files.writeString(
          SECURITY_DOC,
          doc.substring(0, start + TABLE_START.length()) + "\n" + generated + doc.substring(end),
          StandardCharsets.UTF_8);
      return;
    }
    assertThat(current)
        .as(
            "the role table in docs/security.md is stale: run RoleMatrixTest with"
                + " -Daispine.updateDocs=true")
        .isEqualTo(generated);
  }
}
