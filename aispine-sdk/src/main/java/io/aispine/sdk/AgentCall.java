package io.aispine.sdk;

import java.time.Instant;

/**
 * One call of an agent, as its recent calls list it.
 *
 * @param execution the execution
 * @param node the node path
 * @param agent the agent reference that served the call
 * @param status {@code running}, {@code succeeded}, {@code failed} or {@code cancelled}
 * @param latencyMs how long it took, or null while it runs
 * @param error the error, or null
 */
public record AgentCall(
    String execution,
    String node,
    int attempt,
    String status,
    String agent,
    Instant startedAt,
    Instant finishedAt,
    Long latencyMs,
    ErrorInfo error) {}
