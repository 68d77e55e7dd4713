package io.aispine.llm;

import io.aispine.store.ModelCalls;

/** What a host wants to know of the {@code llm} agent's calls: metrics, live output. */
public interface LlmObserver {

  /** No observer. */
  LlmObserver NONE = new LlmObserver() {};

  /** A model call ended and was recorded with its tokens and cost. */
  default void onCall(ModelCalls.Call call) {}

  /** A piece of a streamed answer arrived for the node {@code nodePath} of an execution. */
  default void onDelta(String executionId, String nodePath, int attempt, String text) {}

  /** True when someone wants the pieces: the answer is then streamed. */
  default boolean wantsDeltas() {
    return false;
  }
}
