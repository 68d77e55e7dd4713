package io.aispine.api;

/** The answer of a circuit reset: the agent version and its circuit, closed again. */
public record CircuitReset(String name, String version, Circuit circuit) {}
