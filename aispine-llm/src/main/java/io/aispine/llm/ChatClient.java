package io.aispine.llm;

import io.aispine.agent.AgentException;
import java.util.function.Consumer;

/** Talks to one model provider in its own wire protocol. */
public interface ChatClient {

  /**
   * Sends one call and waits for the whole answer. When {@code deltas} is not null the answer is
   * streamed and each piece of text is handed to it as it arrives.
   *
   * @throws AgentException.Unreachable when the provider cannot be reached, answers 5xx or 429, or
   *     breaks the exchange (another attempt, or a fallback, may succeed)
   * @throws AgentException.Permanent when it refuses the call (bad key, unknown model …)
   */
  ChatReply chat(ChatRequest request, Consumer<String> deltas)
      throws AgentException, InterruptedException;

  /**
   * Checks that the provider answers (lists its models; no tokens are spent).
   *
   * @throws AgentException as {@link #chat} does
   */
  void check() throws AgentException, InterruptedException;
}
