package io.aispine.sdk;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A flow's declared input: its type, whether it is required, its default and description. */
public record FlowInput(
    String type,
    boolean required,
    @JsonProperty("default") Object defaultValue,
    String description) {}
