package io.aispine.server.internal.llm;

import io.aispine.llm.LlmObserver;
import io.aispine.store.ModelCalls;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The llm agent's calls as Prometheus counters: {@code aispine_llm_calls_total}, {@code
 * aispine_llm_tokens_total} (by {@code type} prompt or completion) and {@code
 * aispine_llm_cost_usd_total}, each by {@code model} and {@code provider}.
 */
public final class LlmMetrics implements LlmObserver {

  private final MeterRegistry registry;

  public LlmMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void onCall(ModelCalls.Call call) {
    String provider = call.provider() == null ? "" : call.provider();
    counter("aispine.llm.calls", call, provider).increment();
    Counter.builder("aispine.llm.tokens")
        .description("Tokens of model calls")
        .tags("model", call.model(), "provider", provider, "type", "prompt")
        .register(registry)
        .increment(call.promptTokens());
    Counter.builder("aispine.llm.tokens")
        .description("Tokens of model calls")
        .tags("model", call.model(), "provider", provider, "type", "completion")
        .register(registry)
        .increment(call.completionTokens());
    Counter.builder("aispine.llm.cost.usd")
        .description("What model calls cost, in US dollars, by the price table")
        .tags("model", call.model(), "provider", provider)
        .register(registry)
        .increment(call.costUsd());
  }

  private Counter counter(String name, ModelCalls.Call call, String provider) {
    return Counter.builder(name)
        .description("Model calls made by the llm agent")
        .tags("model", call.model(), "provider", provider)
        .register(registry);
  }
}
