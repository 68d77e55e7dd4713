package io.aispine.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aispine.api.Agent;
import io.aispine.api.AgentCall;
import io.aispine.api.AgentDrain;
import io.aispine.api.AgentLimits;
import io.aispine.api.AgentLimitsRequest;
import io.aispine.api.AgentVersion;
import io.aispine.api.AnswerRequest;
import io.aispine.api.Approval;
import io.aispine.api.ApprovalStatus;
import io.aispine.api.Circuit;
import io.aispine.api.CircuitReset;
import io.aispine.api.DeprecateRequest;
import io.aispine.api.ErrorInfo;
import io.aispine.api.Execution;
import io.aispine.api.ExecutionStatus;
import io.aispine.api.ExecutionSummary;
import io.aispine.api.FlowInput;
import io.aispine.api.FlowNode;
import io.aispine.api.FlowReview;
import io.aispine.api.FlowSummary;
import io.aispine.api.FlowVersion;
import io.aispine.api.FlowVersionStatus;
import io.aispine.api.Health;
import io.aispine.api.HealthCheck;
import io.aispine.api.HistoryEvent;
import io.aispine.api.Items;
import io.aispine.api.Limits;
import io.aispine.api.NodeRun;
import io.aispine.api.NodeState;
import io.aispine.api.Page;
import io.aispine.api.ParentExecution;
import io.aispine.api.Pricing;
import io.aispine.api.Problem;
import io.aispine.api.RegisterAgent;
import io.aispine.api.ReplayOrigin;
import io.aispine.api.ReplayRequest;
import io.aispine.api.StartRequest;
import io.aispine.api.Usage;
import io.aispine.api.Waiting;
import io.aispine.server.internal.http.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every record family of the wire model, written by the server's mapper and read by the SDK's (and
 * request bodies the other way round), comes back equal: the two agree on every field's name,
 * format and presence. Each record is filled in completely, optional fields included, so that a
 * field one side names differently shows up as a difference.
 */
class WireRoundTripTest {

  private static final Instant T0 = Instant.parse("2026-11-22T05:05:46.123Z");
  private static final Instant T1 = Instant.parse("2026-11-22T05:05:47.456Z");

  private static final ObjectMapper SERVER = Json.mapper();
  private static final ObjectMapper SDK = ApiJson.mapper();

  @Test
  void flows_written_by_the_server_read_back_equal_in_the_sdk() throws Exception {
    FlowNode task = FlowNode.of("ocr", "task", List.of()).withAgent("ocr@^1");
    FlowNode decide = FlowNode.of("route", "decision", List.of("ocr")).withTargets(List.of("a"));
    FlowNode loop = FlowNode.of("refine", "loop", List.of("route")).withLoop(3, List.of(task));
    FlowNode each = FlowNode.of("guests", "foreach", List.of()).withForeach(4, List.of(task));
    FlowNode fork =
        FlowNode.of("both", "fork", List.of())
            .withFork("all", Map.of("left", List.of(task), "right", List.of(decide)));
    FlowNode sub = FlowNode.of("child", "subflow", List.of()).withFlow("kyc@1.0.0");
    FlowNode ask = FlowNode.of("review", "approval", List.of()).withApprovers(List.of("ops"));
    var version =
        new FlowVersion(
            "kyc",
            "1.2.0",
            "Know your customer",
            T0,
            Map.of("name", new FlowInput("string", true, "Ada", "who")),
            List.of(task, decide, loop, each, fork, sub, ask),
            List.of("result"),
            "id: kyc\n",
            new FlowReview(FlowVersionStatus.APPROVED, "key_1", "key_2", T0, null));

    assertRoundTrip(version, FlowVersion.class);
    assertRoundTrip(new Items<>(List.of(version.summary())), Items.class, FlowSummary.class);
  }

  @Test
  void executions_and_their_history_written_by_the_server_read_back_equal_in_the_sdk()
      throws Exception {
    var error = new ErrorInfo("AGENT_TIMEOUT", "no answer in 30 s", true);
    var run =
        new NodeRun(
            1,
            "failed",
            "ocr@1.4.0",
            "ex_1:ocr:1",
            T0,
            T1,
            1333L,
            error,
            new Usage("gpt-x", 12, 34, 0.25),
            Map.of("document", "passport.png"));
    var failed =
        new NodeState("ocr", "failed", 1, T0, T1, null, error, List.of(run), null, false, null);
    var waiting =
        new NodeState(
            "score",
            "scheduled",
            1,
            null,
            null,
            null,
            null,
            List.of(),
            null,
            false,
            new Waiting("circuit_open", T1));
    var reused =
        new NodeState(
            "fetch",
            "succeeded",
            1,
            T0,
            T1,
            Map.of("pages", 3),
            null,
            List.of(),
            "reused",
            true,
            null);
    var execution =
        new Execution(
            "ex_1",
            "kyc",
            "1.2.0",
            ExecutionStatus.FAILED,
            T0,
            T1,
            error,
            Map.of("name", "Ada", "tags", List.of("a", "b")),
            Map.of("ok", false),
            List.of(failed, waiting, reused),
            new ReplayOrigin("ex_0", "ocr", List.of("fetch"), List.of("fetch")),
            Map.of("ocr@^1", "ocr@1.4.0"),
            new ParentExecution("ex_p", "child", 1));
    var event = new HistoryEvent(7, "node.completed", "ocr", 1, T1, Map.of("duration_ms", 212));

    assertRoundTrip(execution, Execution.class);
    assertRoundTrip(
        new Page<>(List.of(execution.summary()), "c_1"), Page.class, ExecutionSummary.class);
    assertRoundTrip(new Page<>(List.of(event), null), Page.class, HistoryEvent.class);
  }

  @Test
  void approvals_written_by_the_server_read_back_equal_in_the_sdk() throws Exception {
    var approval =
        new Approval(
            "ap_1",
            "ex_1",
            "review",
            "kyc",
            "Approve Ada?",
            List.of("ops"),
            ApprovalStatus.APPROVED,
            "looks fine",
            "alice",
            "key_1",
            T0,
            T1,
            T1);

    assertRoundTrip(new Page<>(List.of(approval), "c_2"), Page.class, Approval.class);
  }

  @Test
  void agents_written_by_the_server_read_back_equal_in_the_sdk() throws Exception {
    var health = new Health("degraded", 812L, "slow", T0);
    var circuit = new Circuit("half_open", 3, T1, 12);
    var limits =
        new AgentLimits(
            "ocr",
            60,
            null,
            new AgentLimits.Sources("manifest", "default"),
            new AgentLimits.Override(null, null),
            2,
            58L);
    var version =
        new AgentVersion(
            "ocr",
            "1.4.0",
            "http://127.0.0.1:9/ocr",
            "Reads documents",
            true,
            T0,
            "documents",
            List.of("ocr", "kyc"),
            Map.of("type", "object"),
            true,
            Map.of("url", "x"),
            new Pricing("per_token", null, 0.001, 0.002),
            new Limits(60, 4),
            true,
            List.of("delete"),
            true,
            T1,
            "use 2.x",
            health,
            circuit,
            false);
    var agent =
        new Agent("ocr", "http", "Reads documents", "1.4.0", List.of(version), false, limits);
    var call =
        new AgentCall(
            "ex_1", "ocr", 2, "failed", "ocr@1.4.0", T0, T1, 1333L, new ErrorInfo("X", "y", false));

    assertRoundTrip(new Items<>(List.of(agent)), Items.class, Agent.class);
    assertRoundTrip(limits, AgentLimits.class);
    assertRoundTrip(new AgentDrain("ocr", null, true, T0), AgentDrain.class);
    assertRoundTrip(new Items<>(List.of(call)), Items.class, AgentCall.class);
    assertRoundTrip(
        new HealthCheck("down", "1.4.0", 30_000, "timed out", T1, health, circuit),
        HealthCheck.class);
    assertRoundTrip(new CircuitReset("ocr", "1.4.0", circuit), CircuitReset.class);
  }

  @Test
  void problems_written_by_the_server_read_back_equal_in_the_sdk() throws Exception {
    var problem =
        Problem.of(422, "invalid-flow", "The flow is invalid", "2 problems")
            .withErrors(
                List.of(
                    Problem.FieldError.inSource("/nodes/1/needs/0", 14, 9, "unknown node"),
                    Problem.FieldError.ofParameter("limit", "1 to 500")))
            .at("/api/v1/flows");

    assertRoundTrip(problem, Problem.class);
    assertRoundTrip(Problem.notFound("no such flow"), Problem.class);
  }

  @Test
  void request_bodies_written_by_the_sdk_read_back_equal_in_the_server() throws Exception {
    assertSentEqual(new StartRequest(Map.of("name", "Ada"), "1.2.0"), StartRequest.class);
    assertSentEqual(new StartRequest(null, null), StartRequest.class);
    assertSentEqual(
        new ReplayRequest("score", Map.of("threshold", 1), Map.of("fetch", List.of(1, 2))),
        ReplayRequest.class);
    assertSentEqual(new AnswerRequest("ok"), AnswerRequest.class);
    assertSentEqual(new DeprecateRequest("use 2.x"), DeprecateRequest.class);
    assertSentEqual(new AgentLimitsRequest(60, null), AgentLimitsRequest.class);
    assertSentEqual(
        new AgentRegistration("ocr", "1.4.0", "http://127.0.0.1:9", "Reads", "s3cret").toRequest(),
        RegisterAgent.class);
  }

  @Test
  void providers_costs_and_budgets_written_by_the_server_read_back_equal_in_the_sdk()
      throws Exception {
    var provider =
        new io.aispine.api.ModelProvider(
            "local", "openai", "http://127.0.0.1:1/v1", "gpt-4o", 30, true, true, T0);
    assertRoundTrip(provider, io.aispine.api.ModelProvider.class);
    assertRoundTrip(
        new Items<>(List.of(provider)), Items.class, io.aispine.api.ModelProvider.class);
    assertRoundTrip(
        new io.aispine.api.ProviderCheck(
            "local", "down", 12, new ErrorInfo("PROVIDER_UNAVAILABLE", "503", true), T1),
        io.aispine.api.ProviderCheck.class);
    assertRoundTrip(
        new io.aispine.api.Costs(
            "model", List.of(new io.aispine.api.CostTotal("gpt-4o", 2, 100, 20, 0.5)), 0.5),
        io.aispine.api.Costs.class);
    assertRoundTrip(
        new io.aispine.api.Budget("triage", "daily", 5.0, "fail", 1.25, T0),
        io.aispine.api.Budget.class);
  }

  private static <T> void assertRoundTrip(T written, Class<T> type) throws Exception {
    String json = SERVER.writeValueAsString(written);
    assertThat(SDK.readValue(json, type)).as(json).isEqualTo(written);
  }

  private static void assertRoundTrip(Object written, Class<?> container, Class<?> item)
      throws Exception {
    String json = SERVER.writeValueAsString(written);
    JavaType type = SDK.getTypeFactory().constructParametricType(container, item);
    Object read = SDK.readValue(json, type);
    assertThat(read).as(json).isEqualTo(written);
  }

  private static <T> void assertSentEqual(T sent, Class<T> type) throws Exception {
    String json = SDK.writeValueAsString(sent);
    // the server's mapper is strict: an unknown or misnamed field would fail here
    assertThat(SERVER.readValue(json, type)).as(json).isEqualTo(sent);
  }
}
