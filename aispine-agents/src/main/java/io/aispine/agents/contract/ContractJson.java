package io.aispine.agents.contract;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The JSON mapper both sides of the agent contract use: snake_case, tolerant of unknown fields. */
public final class ContractJson {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          // Agents in other languages add fields over time; an older reader must not break on them.
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          // "{…} junk" is a broken body, not a valid object followed by noise to ignore.
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          // A signed body must mean one thing: {"attempt":1,"attempt":2} is rejected, not guessed.
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .build();

  private ContractJson() {}

  /** The shared, thread-safe mapper. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }
}
