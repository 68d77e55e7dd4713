package io.aispine.sdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import io.aispine.api.Agent;
import io.aispine.api.AgentCall;
import io.aispine.api.AgentDrain;
import io.aispine.api.AgentLimits;
import io.aispine.api.AgentLimitsRequest;
import io.aispine.api.AgentVersion;
import io.aispine.api.AnswerRequest;
import io.aispine.api.ApiKeyInfo;
import io.aispine.api.Approval;
import io.aispine.api.AuditEntry;
import io.aispine.api.AuditVerification;
import io.aispine.api.Budget;
import io.aispine.api.BudgetRequest;
import io.aispine.api.Costs;
import io.aispine.api.DeprecateRequest;
import io.aispine.api.Execution;
import io.aispine.api.ExecutionSummary;
import io.aispine.api.FlowDecision;
import io.aispine.api.FlowDiff;
import io.aispine.api.FlowSummary;
import io.aispine.api.FlowVersion;
import io.aispine.api.HealthCheck;
import io.aispine.api.HistoryEvent;
import io.aispine.api.ModelProvider;
import io.aispine.api.Page;
import io.aispine.api.PanicRequest;
import io.aispine.api.PanicStatus;
import io.aispine.api.ProviderCheck;
import io.aispine.api.ProviderRequest;
import io.aispine.api.Redelivery;
import io.aispine.api.RejectFlowRequest;
import io.aispine.api.ReplayRequest;
import io.aispine.api.Secret;
import io.aispine.api.SecretRotation;
import io.aispine.api.StartRequest;
import io.aispine.api.TriggerFires;
import io.aispine.api.TriggerInfo;
import io.aispine.api.Webhook;
import io.aispine.api.WebhookDelivery;
import io.aispine.api.WorkspaceInfo;
import io.aispine.sdk.internal.HttpTransport;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A client for the AI Spine REST API v1 (docs/api.md): one typed method per route, errors as {@link
 * AispineApiException} (the server's problem+json) or {@link AispineConnectionException}, and
 * resumable live event streams. Thread-safe; build one per server and reuse it.
 *
 * <pre>{@code
 * try (var client = AispineClient.builder().baseUrl("http://127.0.0.1:9325").token(key).build()) {
 *   Execution started = client.startExecution("greet", Map.of("name", "Ada"));
 *   client.stream(started.id(), null, event -> System.out.println(event.type())).await();
 * }
 * }</pre>
 */
public final class AispineClient implements AutoCloseable {

  private static final String API = "/api/v1";

  private final HttpTransport transport;
  private final HttpClient http;
  private final ReconnectPolicy reconnect;
  private final Duration streamIdleTimeout;

  private AispineClient(Builder b) {
    this.http =
        HttpClient.newBuilder()
            // HTTP/1.1: plain-text servers answer an h2c upgrade attempt badly, and SSE needs
            // nothing more.
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(b.connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.transport =
        new HttpTransport(b.baseUrl, b.token, http, b.connectTimeout, b.requestTimeout);
    this.reconnect = b.reconnect;
    this.streamIdleTimeout = b.streamIdleTimeout;
  }

  /** A builder; only the base URL is required (and a token for everything under /api/v1). */
  public static Builder builder() {
    return new Builder();
  }

  /** The server's base URL. */
  public URI baseUrl() {
    return transport.base();
  }

  // ---- operations

  /** {@code GET /health}: true when the server process answers. */
  public boolean healthy() {
    return "ok".equals(get("/health").path("status").asText());
  }

  /** {@code GET /ready}: true when the server's store answers; false on 503. */
  public boolean ready() {
    try {
      return "ready".equals(get("/ready").path("status").asText());
    } catch (AispineApiException e) {
      if (e.status() == 503) {
        return false;
      }
      throw e;
    }
  }

  // ---- flows

  /**
   * {@code POST /flows}: deploys a flow version from its YAML as a draft, which cannot run until an
   * admin approves it ({@link #approveFlow}); a 422 lists every problem.
   */
  public FlowDeployment deployFlow(String yaml) {
    return deploy(yaml, Map.of());
  }

  /**
   * {@code POST /flows?approve=true}: deploys and approves in one step, which only a server that
   * lets authors approve their own drafts accepts (a local development server; elsewhere a 403).
   */
  public FlowDeployment deployApprovedFlow(String yaml) {
    return deploy(yaml, Map.of("approve", List.of("true")));
  }

  private FlowDeployment deploy(String yaml, Map<String, List<String>> params) {
    Objects.requireNonNull(yaml, "yaml");
    var reply = transport.send("POST", API + "/flows", params, "application/yaml", yaml);
    return new FlowDeployment(read(reply.body(), FlowVersion.class), reply.status() == 201);
  }

  /**
   * {@code POST /flows/{id}/versions/{version}/approve}: approves a draft so that it can run; the
   * answer holds the diff against the version approved before it.
   */
  public FlowDecision approveFlow(String flowId, String version) {
    return read(post(versionPath(flowId, version) + "/approve", null), FlowDecision.class);
  }

  /**
   * {@code POST /flows/{id}/versions/{version}/reject}: rejects a draft (or withdraws an approval)
   * with a reason; the version never runs.
   */
  public FlowDecision rejectFlow(String flowId, String version, String reason) {
    return read(
        post(versionPath(flowId, version) + "/reject", new RejectFlowRequest(reason)),
        FlowDecision.class);
  }

  /**
   * {@code GET /flows/{id}/versions/{version}/diff}: what a version changes against the last
   * approved one ({@code against} null) or against another version.
   */
  public FlowDiff diffFlow(String flowId, String version, String against) {
    Map<String, List<String>> params =
        against == null ? Map.of() : Map.of("against", List.of(against));
    var reply = transport.send("GET", versionPath(flowId, version) + "/diff", params, null, null);
    return read(reply.body(), FlowDiff.class);
  }

  private static String versionPath(String flowId, String version) {
    return API + "/flows/" + seg(flowId) + "/versions/" + seg(version);
  }

  // ---- panic mode

  /** {@code GET /panic}: whether panic mode is on. */
  public PanicStatus panicStatus() {
    return read(get(API + "/panic"), PanicStatus.class);
  }

  /**
   * {@code PUT /panic}: switches panic mode on (every mutation and new run refused with 423, reads
   * still answered) or off. Takes an admin key.
   */
  public PanicStatus setPanic(boolean on, String reason) {
    return read(send("PUT", API + "/panic", new PanicRequest(on, reason)), PanicStatus.class);
  }

  /** {@code GET /flows}: the latest version of every flow. */
  public List<FlowSummary> listFlows() {
    return items(get(API + "/flows"), FlowSummary.class);
  }

  /** {@code GET /flows/{id}}: the latest version of one flow. */
  public FlowVersion getFlow(String flowId) {
    return read(get(API + "/flows/" + seg(flowId)), FlowVersion.class);
  }

  /** {@code GET /flows/{id}/versions}: every version of a flow, oldest first. */
  public List<FlowSummary> listFlowVersions(String flowId) {
    return items(get(API + "/flows/" + seg(flowId) + "/versions"), FlowSummary.class);
  }

  /** {@code GET /flows/{id}/versions/{version}}: one version of a flow. */
  public FlowVersion getFlowVersion(String flowId, String version) {
    return read(
        get(API + "/flows/" + seg(flowId) + "/versions/" + seg(version)), FlowVersion.class);
  }

  // ---- executions

  /** Starts the newest approved version of a flow; returns once the start is durable. */
  public Execution startExecution(String flowId, Map<String, Object> inputs) {
    return startExecution(flowId, null, inputs);
  }

  /**
   * {@code POST /flows/{id}/executions}: starts a version (null: the newest approved) with inputs;
   * a draft or rejected version is refused with a 409.
   */
  public Execution startExecution(String flowId, String version, Map<String, Object> inputs) {
    var body = new StartRequest(inputs, version);
    return read(post(API + "/flows/" + seg(flowId) + "/executions", body), Execution.class);
  }

  /** {@code GET /executions}: one page of executions, newest first. */
  public Page<ExecutionSummary> listExecutions(ExecutionQuery query) {
    var reply = transport.send("GET", API + "/executions", query.parameters(), null, null);
    return page(reply.body(), ExecutionSummary.class);
  }

  /** {@code GET /executions/{id}}: an execution with every node's state. */
  public Execution getExecution(String executionId) {
    return read(get(API + "/executions/" + seg(executionId)), Execution.class);
  }

  /** {@code GET /executions/{id}/events}: one page of history after sequence {@code after}. */
  public Page<HistoryEvent> listEvents(String executionId, long after, Integer limit) {
    var params = new LinkedHashMap<String, List<String>>();
    params.put("after", List.of(Long.toString(after)));
    if (limit != null) {
      params.put("limit", List.of(limit.toString()));
    }
    var reply =
        transport.send(
            "GET", API + "/executions/" + seg(executionId) + "/events", params, null, null);
    return page(reply.body(), HistoryEvent.class);
  }

  /** An execution's whole history, oldest first, reading every page. */
  public List<HistoryEvent> history(String executionId) {
    var all = new ArrayList<HistoryEvent>();
    long after = 0;
    while (true) {
      Page<HistoryEvent> page = listEvents(executionId, after, 500);
      all.addAll(page.items());
      if (!page.hasMore() || page.items().isEmpty()) {
        return all;
      }
      after = page.items().getLast().seq();
    }
  }

  /** {@code POST /executions/{id}/cancel}: cancels a running execution (409 once finished). */
  public Execution cancelExecution(String executionId) {
    return read(post(API + "/executions/" + seg(executionId) + "/cancel", null), Execution.class);
  }

  /** {@code POST /executions/{id}/retry}: re-runs the failed nodes of a failed execution. */
  public Execution retryExecution(String executionId) {
    return read(post(API + "/executions/" + seg(executionId) + "/retry", null), Execution.class);
  }

  /**
   * {@code POST /executions/{id}/replay}: replays a finished execution from node {@code from} as a
   * new execution of the same flow version; the nodes before {@code from} keep their recorded
   * results and are not called again. Returns once the new execution's start is durable.
   *
   * @param inputs input values merged over the origin's (null or empty: the same inputs)
   * @param outputs replacement outputs of reused nodes, by node id (null or empty: none)
   */
  public Execution replayExecution(
      String executionId, String from, Map<String, Object> inputs, Map<String, Object> outputs) {
    var body = new ReplayRequest(Objects.requireNonNull(from, "from"), inputs, outputs);
    return read(post(API + "/executions/" + seg(executionId) + "/replay", body), Execution.class);
  }

  // ---- agents

  /** {@code POST /agents}: registers an HTTP agent version. */
  public Agent registerAgent(AgentRegistration registration) {
    return read(post(API + "/agents", registration.toRequest()), Agent.class);
  }

  /**
   * {@code POST /agents}: registers an HTTP agent version from its manifest (the JSON fields of
   * docs/agents.md, "Manifests"), served at {@code url}; with a null manifest the server fetches it
   * from the agent's {@code GET /manifest}.
   *
   * @param secret signs calls to the agent; null for unsigned calls; never returned
   */
  public Agent registerAgent(Map<String, Object> manifest, String url, String secret) {
    var body = new LinkedHashMap<String, Object>();
    if (manifest != null) {
      body.putAll(manifest);
    }
    body.put("url", Objects.requireNonNull(url, "url"));
    if (secret != null) {
      body.put("secret", secret);
    }
    return read(post(API + "/agents", body), Agent.class);
  }

  /** {@code GET /agents/{name}/versions/{version}}: one version with its manifest. */
  public AgentVersion getAgentVersion(String name, String version) {
    return read(
        get(API + "/agents/" + seg(name) + "/versions/" + seg(version)), AgentVersion.class);
  }

  /**
   * {@code POST /agents/{name}/versions/{version}/deprecate}: new executions stop choosing this
   * version while another one matches their range.
   *
   * @param reason why, or what to use instead; may be null
   */
  public AgentVersion deprecateAgent(String name, String version, String reason) {
    var body = new DeprecateRequest(reason);
    return read(
        post(API + "/agents/" + seg(name) + "/versions/" + seg(version) + "/deprecate", body),
        AgentVersion.class);
  }

  /** {@code POST /agents/{name}/versions/{version}/undeprecate}: lifts a deprecation. */
  public AgentVersion undeprecateAgent(String name, String version) {
    return read(
        post(API + "/agents/" + seg(name) + "/versions/" + seg(version) + "/undeprecate", null),
        AgentVersion.class);
  }

  /** {@code GET /agents}: built-in and registered agents. */
  public List<Agent> listAgents() {
    return items(get(API + "/agents"), Agent.class);
  }

  /** {@code GET /agents/{name}}: one agent with all its versions. */
  public Agent getAgent(String name) {
    return read(get(API + "/agents/" + seg(name)), Agent.class);
  }

  /** {@code POST /agents/{name}/health-check}: has the server call the agent's health now. */
  public HealthCheck checkAgentHealth(String name) {
    return read(post(API + "/agents/" + seg(name) + "/health-check", null), HealthCheck.class);
  }

  // ---- approvals

  /** {@code GET /approvals}: one page of approvals, newest first. */
  public Page<Approval> listApprovals(ApprovalQuery query) {
    var reply = transport.send("GET", API + "/approvals", query.parameters(), null, null);
    return page(reply.body(), Approval.class);
  }

  /** {@code GET /approvals/{id}}: one approval. */
  public Approval getApproval(String approvalId) {
    return read(get(API + "/approvals/" + seg(approvalId)), Approval.class);
  }

  /**
   * {@code POST /approvals/{id}/approve}: approves a pending approval, with an optional comment
   * (403 when this key's role may not answer it, 409 once it is answered, expired or cancelled).
   */
  public Approval approve(String approvalId, String comment) {
    return answer(approvalId, "approve", comment);
  }

  /** {@code POST /approvals/{id}/reject}: rejects a pending approval, with an optional comment. */
  public Approval reject(String approvalId, String comment) {
    return answer(approvalId, "reject", comment);
  }

  private Approval answer(String approvalId, String verb, String comment) {
    var body = new AnswerRequest(comment);
    return read(post(API + "/approvals/" + seg(approvalId) + "/" + verb, body), Approval.class);
  }

  /**
   * {@code PUT /secrets/{name}}: sets a secret's value (admin keys only). The value is sent once
   * and never returned by any call.
   */
  public Secret setSecret(String name, String value) {
    Objects.requireNonNull(value, "value");
    return read(send("PUT", API + "/secrets/" + seg(name), Map.of("value", value)), Secret.class);
  }

  /** {@code GET /secrets}: every secret's name, times and key version, never a value. */
  public List<Secret> listSecrets() {
    return items(get(API + "/secrets"), Secret.class);
  }

  /** {@code DELETE /secrets/{name}}: deletes a secret. */
  public void deleteSecret(String name) {
    transport.send("DELETE", API + "/secrets/" + seg(name), Map.of(), null, null);
  }

  // ---- triggers

  /**
   * {@code GET /triggers}: the triggers in force in the caller's workspace (those of each flow's
   * newest approved version).
   *
   * @param flow only this flow's triggers, or null for all
   */
  public List<TriggerInfo> listTriggers(String flow) {
    return items(
        get(API + "/triggers" + (flow == null ? "" : "?flow=" + seg(flow))), TriggerInfo.class);
  }

  /** {@code GET /triggers/{name}/next}: a schedule's next {@code count} fires. */
  public TriggerFires nextFires(String name, int count) {
    return read(get(API + "/triggers/" + seg(name) + "/next?count=" + count), TriggerFires.class);
  }

  /** {@code POST /triggers/{name}/pause}: the trigger fires nothing until resumed. */
  public TriggerInfo pauseTrigger(String name) {
    return read(post(API + "/triggers/" + seg(name) + "/pause", null), TriggerInfo.class);
  }

  /** {@code POST /triggers/{name}/resume}: a schedule goes on from its next fire after now. */
  public TriggerInfo resumeTrigger(String name) {
    return read(post(API + "/triggers/" + seg(name) + "/resume", null), TriggerInfo.class);
  }

  /** {@code POST /secrets/rotate}: a new primary key, every secret re-encrypted under it. */
  public SecretRotation rotateSecrets() {
    return read(post(API + "/secrets/rotate", null), SecretRotation.class);
  }

  /**
   * {@code POST /keys}: creates an API key in the caller's workspace (admin keys), or in {@code
   * workspace} (the owner key only; null for the caller's). The answer holds the key's text: it is
   * shown this once.
   *
   * @param role {@code admin}, {@code operator} or {@code viewer}
   * @param expiresAt when the key stops working; null for never
   */
  public ApiKeyInfo createKey(String name, String role, Instant expiresAt, String workspace) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("role", role);
    if (expiresAt != null) {
      body.put("expires_at", expiresAt.toString());
    }
    if (workspace != null) {
      body.put("workspace", workspace);
    }
    return read(post(API + "/keys", body), ApiKeyInfo.class);
  }

  /** {@code GET /keys}: the keys of the caller's workspace (prefix only, never the key). */
  public List<ApiKeyInfo> listKeys() {
    return items(get(API + "/keys"), ApiKeyInfo.class);
  }

  /** {@code DELETE /keys/{id}}: revokes a key of the caller's workspace. */
  public void revokeKey(String id) {
    transport.send("DELETE", API + "/keys/" + seg(id), Map.of(), null, null);
  }

  /**
   * {@code POST /webhooks}: subscribes {@code url} to the events whose types match {@code
   * eventTypes} (glob patterns such as {@code execution.*}). The answer holds the signing secret
   * ({@code whsec_…}): it is shown this once.
   *
   * @param description what it is for; null for none
   */
  public Webhook createWebhook(String url, List<String> eventTypes, String description) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("url", Objects.requireNonNull(url, "url"));
    body.put("event_types", List.copyOf(eventTypes));
    if (description != null) {
      body.put("description", description);
    }
    return read(post(API + "/webhooks", body), Webhook.class);
  }

  /** {@code GET /webhooks}: the webhooks of the caller's workspace (never a secret). */
  public List<Webhook> listWebhooks() {
    return items(get(API + "/webhooks"), Webhook.class);
  }

  /** {@code GET /webhooks/{id}}: one webhook. */
  public Webhook webhook(String id) {
    return read(get(API + "/webhooks/" + seg(id)), Webhook.class);
  }

  /** {@code DELETE /webhooks/{id}}: deletes a webhook, its secret and its deliveries. */
  public void deleteWebhook(String id) {
    transport.send("DELETE", API + "/webhooks/" + seg(id), Map.of(), null, null);
  }

  /** {@code POST /webhooks/{id}/test}: queues a signed test event; returns its delivery. */
  public WebhookDelivery testWebhook(String id) {
    return read(post(API + "/webhooks/" + seg(id) + "/test", null), WebhookDelivery.class);
  }

  /** {@code GET /webhooks/{id}/deliveries}: the newest {@code limit} deliveries, newest first. */
  public List<WebhookDelivery> webhookDeliveries(String id, int limit) {
    return items(
        get(API + "/webhooks/" + seg(id) + "/deliveries?limit=" + limit), WebhookDelivery.class);
  }

  /**
   * {@code POST /webhooks/{id}/redeliver}: sends delivery {@code deliveryId} again, or (null) every
   * failed one, which also enables a disabled webhook.
   */
  public Redelivery redeliver(String id, String deliveryId) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (deliveryId != null) {
      body.put("delivery", deliveryId);
    }
    return read(post(API + "/webhooks/" + seg(id) + "/redeliver", body), Redelivery.class);
  }

  /** {@code GET /workspace}: the caller's workspace, its plan, quotas and use. */
  public WorkspaceInfo workspace() {
    return read(get(API + "/workspace"), WorkspaceInfo.class);
  }

  /** {@code GET /workspaces}: every workspace (the owner key). */
  public List<WorkspaceInfo> listWorkspaces() {
    return items(get(API + "/workspaces"), WorkspaceInfo.class);
  }

  /** {@code GET /workspaces/{id}}: one workspace (the owner key). */
  public WorkspaceInfo workspace(String id) {
    return read(get(API + "/workspaces/" + seg(id)), WorkspaceInfo.class);
  }

  /**
   * {@code POST /workspaces}: creates a workspace (the owner key).
   *
   * @param plan {@code free}, {@code startup}, {@code scale} or {@code unlimited}; null for free
   */
  public WorkspaceInfo createWorkspace(String id, String name, String plan) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", id);
    if (name != null) {
      body.put("name", name);
    }
    if (plan != null) {
      body.put("plan", plan);
    }
    return read(post(API + "/workspaces", body), WorkspaceInfo.class);
  }

  /**
   * {@code PUT /workspaces/{id}/quota}: sets a workspace's plan and the quotas that differ from it
   * (the owner key).
   *
   * @param overrides quota name ({@code executions_per_month} …) to limit, -1 for unlimited
   */
  public WorkspaceInfo setQuota(String id, String plan, Map<String, Long> overrides) {
    Map<String, Object> body = new LinkedHashMap<>(overrides);
    body.put("plan", plan);
    return read(send("PUT", API + "/workspaces/" + seg(id) + "/quota", body), WorkspaceInfo.class);
  }

  /** {@code GET /agents/{name}/limits}: the limits in force for an agent. */
  public AgentLimits getAgentLimits(String name) {
    return read(get(API + "/agents/" + seg(name) + "/limits"), AgentLimits.class);
  }

  /**
   * {@code PUT /agents/{name}/limits}: overrides an agent's limits; a null argument clears that
   * override.
   */
  public AgentLimits setAgentLimits(String name, Integer ratePerMinute, Integer maxConcurrency) {
    var body = new AgentLimitsRequest(ratePerMinute, maxConcurrency);
    return read(send("PUT", API + "/agents/" + seg(name) + "/limits", body), AgentLimits.class);
  }

  /**
   * {@code POST /agents/{name}/drain}: stops new calls to an agent, or to one version when {@code
   * version} is not null; calls in flight finish.
   */
  public AgentDrain drainAgent(String name, String version) {
    return drainOrUndrain(name, version, "drain");
  }

  /** {@code POST /agents/{name}/undrain}: ends a drain made by {@link #drainAgent}. */
  public AgentDrain undrainAgent(String name, String version) {
    return drainOrUndrain(name, version, "undrain");
  }

  /** {@code GET /agents/{name}/calls}: the agent's newest calls first, at most {@code limit}. */
  public List<AgentCall> agentCalls(String name, int limit) {
    var reply =
        transport.send(
            "GET",
            API + "/agents/" + seg(name) + "/calls",
            Map.of("limit", List.of(Integer.toString(limit))),
            null,
            null);
    return items(reply.body(), AgentCall.class);
  }

  /**
   * {@code PUT /providers/{name}}: adds a model provider or changes one; the key in {@code request}
   * is sent but never answered back (null keeps the key stored before).
   */
  public ModelProvider putProvider(String name, ProviderRequest request) {
    return read(send("PUT", API + "/providers/" + seg(name), request), ModelProvider.class);
  }

  /** {@code GET /providers}: the model providers of the workspace, without their keys. */
  public List<ModelProvider> listProviders() {
    return items(get(API + "/providers"), ModelProvider.class);
  }

  /** {@code POST /providers/{name}/test}: whether the provider answers, and how fast. */
  public ProviderCheck testProvider(String name) {
    return read(post(API + "/providers/" + seg(name) + "/test", null), ProviderCheck.class);
  }

  /** {@code POST /providers/{name}/default}: the provider llm nodes use when they name none. */
  public ModelProvider makeDefaultProvider(String name) {
    return read(post(API + "/providers/" + seg(name) + "/default", null), ModelProvider.class);
  }

  /**
   * {@code GET /costs}: tokens and cost of model calls grouped by {@code groupBy} ({@code model},
   * {@code flow}, {@code day} …), between {@code from} (inclusive) and {@code to} (exclusive) when
   * they are not null.
   */
  public Costs costs(String groupBy, java.time.Instant from, java.time.Instant to) {
    var query = new java.util.LinkedHashMap<String, List<String>>();
    query.put("group_by", List.of(groupBy));
    if (from != null) {
      query.put("from", List.of(from.toString()));
    }
    if (to != null) {
      query.put("to", List.of(to.toString()));
    }
    return read(transport.send("GET", API + "/costs", query, null, null).body(), Costs.class);
  }

  /** {@code PUT /budgets}: sets a daily or monthly budget of the workspace or of one flow. */
  public Budget setBudget(BudgetRequest request) {
    return read(send("PUT", API + "/budgets", request), Budget.class);
  }

  /** {@code GET /budgets}: the budgets and what their current windows spent. */
  public List<Budget> listBudgets() {
    return items(get(API + "/budgets"), Budget.class);
  }

  private AgentDrain drainOrUndrain(String name, String version, String action) {
    var reply =
        transport.send(
            "POST",
            API + "/agents/" + seg(name) + "/" + action,
            version == null ? Map.of() : Map.of("version", List.of(version)),
            null,
            null);
    return read(reply.body(), AgentDrain.class);
  }

  // ---- live events

  /**
   * Streams one execution's events from after {@code lastEventId} (null: from the start) until its
   * terminal event, reconnecting and resuming when the connection drops.
   */
  public EventStream stream(String executionId, String lastEventId, Consumer<StreamEvent> onEvent) {
    String path = API + "/executions/" + seg(executionId) + "/stream";
    return new EventStream(
            transport, path, lastEventId, true, onEvent, reconnect, streamIdleTimeout)
        .start();
  }

  /**
   * Streams every execution's events from after {@code lastEventId} (null: from now) until closed.
   */
  public EventStream streamAll(String lastEventId, Consumer<StreamEvent> onEvent) {
    return new EventStream(
            transport,
            API + "/events/stream",
            lastEventId,
            false,
            onEvent,
            reconnect,
            streamIdleTimeout)
        .start();
  }

  /** Releases the HTTP client; streams still open are cut. */
  @Override
  public void close() {
    http.shutdownNow();
  }

  // ---- plumbing

  private JsonNode get(String path) {
    return transport.send("GET", path, Map.of(), null, null).body();
  }

  private JsonNode post(String path, Object body) {
    return send("POST", path, body);
  }

  private JsonNode send(String method, String path, Object body) {
    String json;
    try {
      json = body == null ? null : ApiJson.mapper().writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the request body cannot be written as JSON: " + e, e);
    }
    return transport.send(method, path, Map.of(), "application/json", json).body();
  }

  // ---- audit

  /** {@code GET /audit}: one page of the audit log, oldest first (admin keys only). */
  public Page<AuditEntry> listAudit(AuditQuery query) {
    var reply = transport.send("GET", API + "/audit", query.parameters(), null, null);
    return page(reply.body(), AuditEntry.class);
  }

  /**
   * {@code GET /audit/verify}: the audit log's hash chain checked from its first entry; when it is
   * broken, {@link AuditVerification#brokenSeq()} names the first broken entry (admin keys only).
   */
  public AuditVerification verifyAudit() {
    return read(get(API + "/audit/verify"), AuditVerification.class);
  }

  private static <T> T read(JsonNode json, Class<T> type) {
    try {
      return ApiJson.mapper().treeToValue(json, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "the server's answer does not match " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  private static <T> List<T> items(JsonNode json, Class<T> type) {
    return page(json, type).items();
  }

  private static <T> Page<T> page(JsonNode json, Class<T> type) {
    JavaType pageType = ApiJson.mapper().getTypeFactory().constructParametricType(Page.class, type);
    try {
      return ApiJson.mapper().treeToValue(json, pageType);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "the server's answer is not a page of " + type.getSimpleName() + ": " + e.getMessage(),
          e);
    }
  }

  private static String seg(String value) {
    Objects.requireNonNull(value, "path parameter");
    return HttpTransport.segment(value);
  }

  /** Settings of an {@link AispineClient}. */
  public static final class Builder {
    private URI baseUrl;
    private String token;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private ReconnectPolicy reconnect = ReconnectPolicy.DEFAULT;
    private Duration streamIdleTimeout = Duration.ofSeconds(45);

    private Builder() {}

    /** The server, such as {@code http://127.0.0.1:9325} (a trailing slash or path is ignored). */
    public Builder baseUrl(String url) {
      return baseUrl(URI.create(url));
    }

    /** The server, such as {@code http://127.0.0.1:9325}. */
    public Builder baseUrl(URI url) {
      if (url.getScheme() == null
          || url.getHost() == null
          || !(url.getScheme().equals("http") || url.getScheme().equals("https"))) {
        throw new IllegalArgumentException(
            "the server URL must look like http://host:port, got '" + url + "'");
      }
      this.baseUrl = URI.create(url.getScheme() + "://" + url.getRawAuthority());
      return this;
    }

    /** The API key sent as {@code Authorization: Bearer …}. */
    public Builder token(String apiKey) {
      this.token = apiKey;
      return this;
    }

    /** How long to wait for a TCP connection (default 5 s). */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /** How long to wait for an answer to one request (default 30 s); streams are not limited. */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "requestTimeout");
      return this;
    }

    /** How event streams reconnect after a dropped connection. */
    public Builder reconnectPolicy(ReconnectPolicy policy) {
      this.reconnect = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * After how long without a byte a stream counts as dropped and reconnects (default 45 s; the
     * server sends a keep-alive every 15 s).
     */
    public Builder streamIdleTimeout(Duration timeout) {
      this.streamIdleTimeout = positive(timeout, "streamIdleTimeout");
      return this;
    }

    /** The client. */
    public AispineClient build() {
      if (baseUrl == null) {
        throw new IllegalStateException("baseUrl is required, e.g. http://127.0.0.1:9325");
      }
      return new AispineClient(this);
    }

    private static Duration positive(Duration d, String name) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, got " + d);
      }
      return d;
    }
  }
}
