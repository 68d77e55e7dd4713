package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.agent.BuiltinAgents;
import io.aispine.agents.serve.AgentServer;
import io.aispine.server.internal.auth.RouteRoles;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.awaitility.Awaitility;

/**
 * 10,000 generated requests: every route of {@link RouteRoles} × every role × an object of the
 * caller's workspace, of another workspace, one that does not exist or garbage, with a fitting,
 * empty or broken body. No answer is a 5xx, and no answer to a key of workspace {@code acme} or to
 * the owner carries anything that only workspace {@code globex} holds (a canary planted in each of
 * its objects). The server stays healthy.
 */
class TenancyProperties {

  /** Planted in everything globex holds: its flow, its execution's inputs, its provider's URL. */
  private static final String CANARY = "globexcanary7f3a";

  private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");

  /** What a workspace holds for the requests to aim at. */
  private record Fixture(
      String flow,
      String execution,
      String approval,
      String agent,
      String key,
      String secret,
      String provider) {}

  /** One generated request. */
  record Shot(String role, String route, String target, String body) {
    @Override
    public String toString() {
      return route + " as " + role + " on " + target + " with " + body;
    }
  }

  private static Path dataDir;
  private static AispineServer server;
  private static AgentServer agentServer;
  private static Map<String, String> keys;
  private static Map<String, Fixture> targets;

  @BeforeContainer
  static void startServer() throws IOException {
    dataDir = Files.createTempDirectory("aispine-tenancy");
    server = AispineServer.start(new ServerConfig("127.0.0.1", 0, dataDir, null));
    agentServer =
        AgentServer.start(
            BuiltinAgents.load().resolve("echo").orElseThrow(), "prop", "1.0.0", 0, "s3cret");
    var owner = new Api(server.port(), server.adminKeyCreated().orElseThrow());
    for (String id : List.of("acme", "globex")) {
      assertThat(owner.postJson("/api/v1/workspaces", "{\"id\": \"" + id + "\"}").status())
          .isEqualTo(201);
      // thousands of calls a minute from one key: no rate limit in the way of the property
      assertThat(
              owner
                  .putJson(
                      "/api/v1/workspaces/" + id + "/quota",
                      "{\"plan\": \"scale\", \"api_calls_per_minute\": -1}")
                  .status())
          .isEqualTo(200);
    }
    var acme = new Api(server.port(), key(owner, "admin", "acme"));
    var globex = new Api(server.port(), key(owner, "admin", "globex"));
    keys =
        Map.of(
            "viewer", key(acme, "viewer", null),
            "operator", key(acme, "operator", null),
            "admin", acme.key(),
            "owner", owner.key());
    targets =
        Map.of(
            "own",
            fixture(acme, "acme"),
            "foreign",
            fixture(globex, "globex"),
            "missing",
            new Fixture(
                "no-such-flow",
                "ex_nosuch",
                "ap_nosuch",
                "no-such-agent",
                "key_nosuch",
                "NO_SUCH",
                "no-such-provider"),
            "garbage",
            new Fixture("..%2F..", "%00", "ap_%2e%2e", "A%20B", "key_'--", "lower-case", "%2Fetc"));
  }

  @AfterContainer
  static void stillHealthyThenStop() {
    if (server != null) {
      int health = new Api(server.port(), null).get("/health").status();
      server.close();
      assertThat(health).as("the server after 10,000 requests").isEqualTo(200);
    }
    if (agentServer != null) {
      agentServer.close();
    }
  }

  // randomized: the ~4,600 combinations would otherwise be tried once each, exhaustively
  @Property(tries = 10_000, generation = GenerationMode.RANDOMIZED, shrinking = ShrinkingMode.OFF)
  void no_request_is_a_5xx_or_sees_another_workspaces_data(@ForAll("shots") Shot shot) {
    var request = new Api(server.port(), keys.get(shot.role())).request(url(shot));
    String method = shot.route().substring(0, shot.route().indexOf(' '));
    if (shot.body() != null) {
      request.header(
          "Content-Type",
          shot.route().equals("POST /api/v1/flows") ? "application/yaml" : "application/json");
    }
    request.method(
        method,
        shot.body() == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(shot.body()));

    Api.Answer answer = Api.send(request.build());

    assertThat(answer.status()).as("%s → %s", shot, answer.body()).isLessThan(500);
    assertThat(answer.body()).as("%s", shot).doesNotContain(CANARY);
  }

  @Provide
  Arbitrary<Shot> shots() {
    // event streams answer 200 and never end: BadInputProperties and RoleMatrixTest cover them
    List<String> routes =
        RouteRoles.table().keySet().stream().filter(r -> !r.endsWith("/stream")).toList();
    return Combinators.combine(
            Arbitraries.of("viewer", "operator", "admin", "owner"),
            Arbitraries.of(routes),
            Arbitraries.of("own", "foreign", "foreign", "missing", "garbage"),
            Arbitraries.of("fitting", "fitting", "empty", "broken"))
        .as((role, route, target, body) -> new Shot(role, route, target, body(route, body)));
  }

  private static String url(Shot shot) {
    String path = shot.route().substring(shot.route().indexOf(' ') + 1);
    Fixture f = targets.get(shot.target());
    Matcher m = PARAM.matcher(path);
    StringBuilder url = new StringBuilder();
    while (m.find()) {
      String before = path.substring(0, m.start());
      String value =
          switch (m.group(1)) {
            case "version" -> "1.0.0";
            case "name" ->
                before.startsWith("/api/v1/secrets/")
                    ? f.secret()
                    : before.startsWith("/api/v1/providers/") ? f.provider() : f.agent();
            case "id" ->
                before.startsWith("/api/v1/flows/")
                    ? f.flow()
                    : before.startsWith("/api/v1/executions/")
                        ? f.execution()
                        : before.startsWith("/api/v1/approvals/")
                            ? f.approval()
                            : before.startsWith("/api/v1/keys/")
                                ? f.key()
                                : before.startsWith("/api/v1/workspaces/")
                                    ? shot.target().equals("foreign") ? "globex" : "acme"
                                    : f.flow();
            default -> f.flow(); // a parameter of a route added later: any id will do
          };
      m.appendReplacement(url, Matcher.quoteReplacement(value));
    }
    m.appendTail(url);
    return url.toString();
  }

  private static String body(String route, String kind) {
    if (route.startsWith("GET ") || route.startsWith("DELETE ")) {
      return null;
    }
    return switch (kind) {
      case "empty" -> "{}";
      case "broken" -> "{\"" + CANARY.substring(0, 3);
      default ->
          switch (route) {
            case "POST /api/v1/flows" -> flowYaml("prop-acme", "acme");
            case "POST /api/v1/executions/{id}/replay" -> "{\"from\": \"first\"}";
            case "POST /api/v1/agents" -> agentJson("prop-agent-acme");
            case "PUT /api/v1/agents/{name}/limits" -> "{\"rate_per_minute\": 1000}";
            case "PUT /api/v1/secrets/{name}" -> "{\"value\": \"v\"}";
            case "POST /api/v1/keys" -> "{\"name\": \"prop\", \"role\": \"viewer\"}";
            case "POST /api/v1/workspaces" -> "{\"id\": \"prop-" + System.nanoTime() + "\"}";
            case "PUT /api/v1/workspaces/{id}/quota" ->
                "{\"plan\": \"scale\", \"api_calls_per_minute\": -1}";
            case "POST /api/v1/flows/{id}/versions/{version}/reject" -> "{\"reason\": \"prop\"}";
            case "PUT /api/v1/panic" -> "{\"on\": false}"; // never freeze the other tries
            case "PUT /api/v1/providers/{name}" -> providerJson("acme");
            case "PUT /api/v1/budgets" -> "{\"period\": \"daily\", \"limit_usd\": 100}";
            default -> "{}";
          };
    };
  }

  private static Fixture fixture(Api as, String workspace) {
    String flow = "prop-" + workspace;
    String agent = "prop-agent-" + workspace;
    assertThat(as.postJson("/api/v1/agents", agentJson(agent)).status()).isEqualTo(201);
    assertThat(as.postYaml("/api/v1/flows?approve=true", flowYaml(flow, workspace)).status())
        .isEqualTo(201);
    String execution =
        as.start(flow, "{\"note\": \"" + (workspace.equals("globex") ? CANARY : "acme") + "\"}");
    String approval =
        Awaitility.await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> as.get("/api/v1/approvals?execution=" + execution).json().get("items"),
                items -> items.size() > 0)
            .get(0)
            .get("id")
            .asText();
    String spare =
        as.postJson("/api/v1/keys", "{\"name\": \"spare\", \"role\": \"viewer\"}")
            .json()
            .get("id")
            .asText();
    String secret = "PROP_" + workspace.toUpperCase(java.util.Locale.ROOT);
    assertThat(as.putJson("/api/v1/secrets/" + secret, "{\"value\": \"v\"}").status())
        .isEqualTo(201);
    String provider = "prop-" + workspace;
    assertThat(as.putJson("/api/v1/providers/" + provider, providerJson(workspace)).status())
        .isEqualTo(201);
    return new Fixture(flow, execution, approval, agent, spare, secret, provider);
  }

  private static String key(Api as, String role, String workspace) {
    Api.Answer created =
        as.postJson(
            "/api/v1/keys",
            "{\"name\": \""
                + role
                + "\", \"role\": \""
                + role
                + "\""
                + (workspace == null ? "" : ", \"workspace\": \"" + workspace + "\"")
                + "}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("key").asText();
  }

  private static String agentJson(String name) {
    return "{\"name\": \""
        + name
        + "\", \"version\": \"1.0.0\", \"url\": \"http://127.0.0.1:"
        + agentServer.port()
        + "\", \"description\": \"Prop\", \"secret\": \"s3cret\"}";
  }

  private static String providerJson(String workspace) {
    // nothing listens on port 9: a provider test answers "down"
    String host = workspace.equals("globex") ? CANARY + ".localhost" : "127.0.0.1";
    return "{\"kind\": \"openai\", \"base_url\": \"http://" + host + ":9/v1\"}";
  }

  private static String flowYaml(String id, String workspace) {
    return """
        id: %s
        version: 1.0.0
        description: %s
        inputs:
          note: {type: string, default: x}
        nodes:
          - id: first
            agent: echo
            with: {note: "${inputs.note}"}
          - {id: ask, type: approval, needs: [first], message: "Go?", approvers: {roles: operator}}
        """
        .formatted(id, workspace.equals("globex") ? CANARY : "acme");
  }
}
