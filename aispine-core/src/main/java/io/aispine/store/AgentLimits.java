package io.aispine.store;

/**
 * The limits an agent version declares for calls to it; null where it declares none.
 *
 * @param ratePerMinute at most this many calls per minute
 * @param maxConcurrency at most this many calls at once
 */
public record AgentLimits(Integer ratePerMinute, Integer maxConcurrency) {}
