package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A model provider of the workspace, as the API shows it: never with its key, only whether one is
 * set.
 */
public record ModelProvider(
    String name,
    @WireField(values = {"openai", "ollama", "anthropic"}) String kind,
    @JsonProperty("base_url") String baseUrl,
    @JsonProperty("default_model") @Nullable String defaultModel,
    @JsonProperty("timeout_seconds") long timeoutSeconds,
    @JsonProperty("is_default") boolean isDefault,
    @JsonProperty("has_api_key") boolean hasApiKey,
    @JsonProperty("created_at") Instant createdAt) {}
