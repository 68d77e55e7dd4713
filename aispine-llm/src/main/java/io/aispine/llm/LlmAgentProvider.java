package io.aispine.llm;

import io.aispine.agent.Agent;
import io.aispine.agent.AgentException;
import io.aispine.agent.AgentProvider;
import java.util.function.Supplier;

/**
 * Provides the {@code llm} agent. Found through {@link java.util.ServiceLoader} it knows no store
 * and fails each call with a message saying so; a server replaces it with one over its store (its
 * providers, ledger and budgets).
 */
public final class LlmAgentProvider implements AgentProvider {

  private final Supplier<Agent> agent;

  /** The provider {@link java.util.ServiceLoader} creates: no providers configured. */
  public LlmAgentProvider() {
    this.agent =
        () ->
            call -> {
              throw new AgentException.Permanent(
                  "LLM_NOT_CONFIGURED",
                  "the llm agent needs model providers, which a server keeps: run the flow on"
                      + " `aispine server` and add one with `aispine provider add`");
            };
  }

  /** A provider of {@code agent}, built by the host over its store. */
  public LlmAgentProvider(LlmAgent agent) {
    this.agent = () -> agent;
  }

  @Override
  public String name() {
    return "llm";
  }

  @Override
  public String version() {
    return "1.0.0";
  }

  @Override
  public String description() {
    return "Calls a language model of a configured provider; validates and repairs JSON answers.";
  }

  @Override
  public Agent create() {
    return agent.get();
  }
}
