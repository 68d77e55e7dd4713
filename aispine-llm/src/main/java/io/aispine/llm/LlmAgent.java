package io.aispine.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aispine.agent.Agent;
import io.aispine.agent.AgentCall;
import io.aispine.agent.AgentException;
import io.aispine.agent.AgentResult;
import io.aispine.agents.manifest.JsonSchemas;
import io.aispine.execution.Usage;
import io.aispine.store.ModelCalls;
import io.aispine.store.ModelProviders;
import io.aispine.store.ModelProviders.Provider;
import java.io.IOException;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The {@code llm} agent: one model call (plus repairs) on a provider of the workspace.
 *
 * <p>Each call is checked against the budgets first, recorded in the ledger with its tokens and
 * cost after, and — with a {@code response_schema} — its answer is parsed as JSON and validated; an
 * invalid answer goes back to the model with the errors, at most {@code max_repairs} times, then
 * the node fails for good with {@code OUTPUT_SCHEMA_VIOLATION}.
 */
public final class LlmAgent implements Agent {

  /** The workspace of calls whose context names none: a local run, which has only this one. */
  public static final String DEFAULT_WORKSPACE = "default";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ModelProviders providers;
  private final ModelCalls ledger;
  private final BudgetGuard budgets;
  private final PriceTable prices;
  private final InstantSource clock;
  private final LlmObserver observer;
  private final BiFunction<Provider, String, ChatClient> clients;

  /**
   * @param clients builds a provider's client from it and its key ({@link ChatClients#of})
   */
  public LlmAgent(
      ModelProviders providers,
      ModelCalls ledger,
      BudgetGuard budgets,
      PriceTable prices,
      InstantSource clock,
      LlmObserver observer,
      BiFunction<Provider, String, ChatClient> clients) {
    this.providers = Objects.requireNonNull(providers, "providers");
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.budgets = Objects.requireNonNull(budgets, "budgets");
    this.prices = Objects.requireNonNull(prices, "prices");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.observer = observer == null ? LlmObserver.NONE : observer;
    this.clients = Objects.requireNonNull(clients, "clients");
  }

  @Override
  public AgentResult execute(AgentCall call) throws AgentException, InterruptedException {
    LlmInput input = LlmInput.read(call.inputMap());
    String workspace = call.context().get("workspace") instanceof String w ? w : DEFAULT_WORKSPACE;
    Provider provider = provider(workspace, input.provider());
    String model = input.model() != null ? input.model() : provider.defaultModel();
    if (model == null) {
      throw new AgentException.Permanent(
          "LLM_INPUT_INVALID",
          "llm agent: no 'model' given and provider '"
              + provider.name()
              + "' has no default model; name one in the node or with `aispine provider add "
              + provider.name()
              + " --model …`");
    }
    JsonSchemas.Compiled schema = schema(input.responseSchema());
    ChatClient client =
        clients.apply(provider, providers.apiKey(workspace, provider.name()).orElse(null));
    var request =
        new ChatRequest(
            model, input.system(), input.messages(), input.temperature(), input.maxTokens());
    if (schema != null) {
      request =
          new ChatRequest(
              model,
              (input.system() == null ? "" : input.system() + "\n\n")
                  + "Answer with one JSON value only, no prose, that matches this JSON Schema:\n"
                  + JSON.valueToTree(input.responseSchema()),
              input.messages(),
              input.temperature(),
              input.maxTokens());
    }
    String flowId = flowId(call);
    var spent = new Spent(model);
    for (int round = 0; ; round++) {
      ChatReply reply = callOnce(call, workspace, flowId, provider, client, request, spent);
      if (schema == null) {
        return new AgentResult.Success(answer(reply, null), spent.usage());
      }
      String problems;
      JsonNode parsed = parseJson(reply.text());
      if (parsed == null) {
        problems = "the answer is not JSON";
      } else {
        problems =
            switch (schema.check(parsed)) {
              case JsonSchemas.Outcome.Checked checked ->
                  checked.violations().stream()
                      .map(JsonSchemas.Violation::toString)
                      .collect(Collectors.joining("; "));
              case JsonSchemas.Outcome.Unusable unusable ->
                  throw new AgentException.Permanent(
                      "LLM_INPUT_INVALID",
                      "llm agent: response_schema cannot be applied: " + unusable.reason());
            };
      }
      if (problems.isEmpty()) {
        return new AgentResult.Success(answer(reply, parsed), spent.usage());
      }
      if (round >= input.maxRepairs()) {
        throw new AgentException.Permanent(
            "OUTPUT_SCHEMA_VIOLATION",
            "model '"
                + reply.model()
                + "' gave no answer matching response_schema after "
                + (round + 1)
                + " tries ("
                + input.maxRepairs()
                + " repairs); last problems: "
                + problems);
      }
      request =
          request.followedBy(
              ChatMessage.assistant(reply.text()),
              ChatMessage.user(
                  "That answer does not match the JSON Schema: "
                      + problems
                      + ". Answer again with only the corrected JSON value."));
    }
  }

  /** One model call: budget check, the call, its record. */
  private ChatReply callOnce(
      AgentCall call,
      String workspace,
      String flowId,
      Provider provider,
      ChatClient client,
      ChatRequest request,
      Spent spent)
      throws AgentException, InterruptedException {
    double estimate = estimate(request);
    BudgetGuard.Reservation reservation;
    try {
      reservation = budgets.reserve(workspace, flowId, estimate);
    } catch (BudgetGuard.BudgetExceededException e) {
      throw e.toAgentException();
    }
    ChatReply reply;
    try {
      Consumer<String> deltas =
          observer.wantsDeltas()
              ? text -> observer.onDelta(call.executionId(), call.nodePath(), call.attempt(), text)
              : null;
      reply = client.chat(request, deltas);
    } catch (AgentException | InterruptedException | RuntimeException e) {
      budgets.settle(reservation, 0);
      throw e;
    }
    double cost = prices.cost(reply.model(), reply.promptTokens(), reply.completionTokens());
    budgets.settle(reservation, cost);
    var recorded =
        new ModelCalls.Call(
            workspace,
            call.executionId(),
            call.nodePath(),
            "llm",
            flowId,
            provider.name(),
            reply.model(),
            reply.promptTokens(),
            reply.completionTokens(),
            cost,
            clock.instant());
    ledger.record(recorded);
    observer.onCall(recorded);
    budgets.warnIfNear(workspace, flowId);
    spent.add(reply, cost);
    return reply;
  }

  /**
   * The most a call may cost: its prompt at one token per three characters (above the usual four,
   * so that the estimate stays an upper bound for most text) and {@code max_tokens} of completion
   * in full ({@value #ASSUMED_COMPLETION} when the node sets none).
   */
  double estimate(ChatRequest request) {
    long chars = request.system() == null ? 0 : request.system().length();
    for (ChatMessage m : request.messages()) {
      chars += m.content().length() + 16;
    }
    long promptTokens = chars / 3 + 8;
    long completion = request.maxTokens() != null ? request.maxTokens() : ASSUMED_COMPLETION;
    return prices.cost(request.model(), promptTokens, completion);
  }

  static final int ASSUMED_COMPLETION = 1024;

  private Provider provider(String workspace, String name) throws AgentException {
    if (name != null) {
      return providers
          .find(workspace, name)
          .orElseThrow(
              () ->
                  new AgentException.Permanent(
                      "PROVIDER_NOT_FOUND",
                      "llm agent: workspace '"
                          + workspace
                          + "' has no provider '"
                          + name
                          + "'; add it with `aispine provider add "
                          + name
                          + " --kind openai --base-url …`"));
    }
    return providers.list(workspace).stream()
        .filter(Provider::isDefault)
        .findFirst()
        .orElseThrow(
            () ->
                new AgentException.Permanent(
                    "PROVIDER_NOT_FOUND",
                    "llm agent: the node names no provider and workspace '"
                        + workspace
                        + "' has no default one; name one with 'provider:' or set it with"
                        + " `aispine provider default NAME`"));
  }

  private static JsonSchemas.Compiled schema(Object schema) throws AgentException {
    if (schema == null) {
      return null;
    }
    try {
      return JsonSchemas.compile(JSON.valueToTree(schema));
    } catch (IllegalArgumentException e) {
      throw new AgentException.Permanent(
          "LLM_INPUT_INVALID", "llm agent: response_schema: " + e.getMessage());
    }
  }

  /** The answer as JSON, allowing the Markdown fence models like to put around it; or null. */
  static JsonNode parseJson(String text) {
    String body = text.strip();
    if (body.startsWith("```")) {
      int firstLine = body.indexOf('\n');
      int fence = body.lastIndexOf("```");
      if (firstLine > 0 && fence > firstLine) {
        body = body.substring(firstLine + 1, fence).strip();
      }
    }
    try {
      var parser = JSON.createParser(body);
      JsonNode node = JSON.readTree(parser);
      return node == null || parser.nextToken() != null ? null : node;
    } catch (IOException e) {
      return null;
    }
  }

  private static Map<String, Object> answer(ChatReply reply, JsonNode parsed) {
    var output = new LinkedHashMap<String, Object>();
    output.put("text", reply.text());
    if (parsed != null) {
      output.put("json", JSON.convertValue(parsed, Object.class));
    }
    output.put("model", reply.model());
    return output;
  }

  private static String flowId(AgentCall call) {
    if (!(call.context().get("flow") instanceof String ref)) {
      return null;
    }
    int at = ref.indexOf('@');
    return at < 0 ? ref : ref.substring(0, at);
  }

  /** Tokens and cost of every round of one node attempt. */
  private static final class Spent {
    private String model;
    private long prompt;
    private long completion;
    private double cost;

    Spent(String model) {
      this.model = model;
    }

    void add(ChatReply reply, double usd) {
      model = reply.model();
      prompt += reply.promptTokens();
      completion += reply.completionTokens();
      cost += usd;
    }

    Usage usage() {
      return new Usage(model, prompt, completion, cost);
    }
  }
}
