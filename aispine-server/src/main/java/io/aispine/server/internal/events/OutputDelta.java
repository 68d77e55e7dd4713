package io.aispine.server.internal.events;

/**
 * A piece of a node's output while its agent still runs (an llm node's streamed tokens). Not
 * stored: only clients connected to the execution's stream at that moment receive it; the node's
 * stored output is the whole answer, once, in {@code node.completed}.
 */
public record OutputDelta(String executionId, String nodePath, int attempt, String text) {}
