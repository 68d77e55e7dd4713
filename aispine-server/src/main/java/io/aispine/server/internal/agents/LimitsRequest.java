package io.aispine.server.internal.agents;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.aispine.api.AgentLimitsRequest;
import io.aispine.api.Problem;
import io.aispine.server.internal.http.Printable;
import io.aispine.server.internal.http.ProblemException;

/**
 * The body of {@code PUT /api/v1/agents/{name}/limits} as the server reads it: {@link
 * AgentLimitsRequest} of the wire model, read field by field so that no number is coerced; a null
 * or absent field removes that override, so the agent's manifest or the server's default applies
 * again.
 *
 * @param ratePerMinute calls per minute, 1 to {@value #MAX_RATE_PER_MINUTE}, or null
 * @param maxConcurrency calls in flight, 1 to {@value #MAX_CONCURRENCY}, or null
 */
record LimitsRequest(Integer ratePerMinute, Integer maxConcurrency) {

  /** The highest rate an override may set (the wire model's, so the OpenAPI document agrees). */
  static final int MAX_RATE_PER_MINUTE = AgentLimitsRequest.MAX_RATE_PER_MINUTE;

  /** The highest concurrency an override may set. */
  static final int MAX_CONCURRENCY = AgentLimitsRequest.MAX_CONCURRENCY;

  LimitsRequest {
    ratePerMinute = checked(ratePerMinute, "/rate_per_minute", MAX_RATE_PER_MINUTE);
    maxConcurrency = checked(maxConcurrency, "/max_concurrency", MAX_CONCURRENCY);
  }

  /**
   * Reads the fields as written, so that {@code "5"}, {@code 1.5} and {@code 1e3} are refused
   * rather than coerced, and a number too large for an int is named with the range.
   */
  @JsonCreator
  static LimitsRequest fromJson(
      @JsonProperty("rate_per_minute") JsonNode ratePerMinute,
      @JsonProperty("max_concurrency") JsonNode maxConcurrency) {
    return new LimitsRequest(
        whole(ratePerMinute, "/rate_per_minute", MAX_RATE_PER_MINUTE),
        whole(maxConcurrency, "/max_concurrency", MAX_CONCURRENCY));
  }

  private static Integer whole(JsonNode value, String pointer, int max) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw outOfRange(pointer, max, Printable.clip(value.toString()));
    }
    return value.intValue();
  }

  private static Integer checked(Integer value, String pointer, int max) {
    if (value != null && (value < 1 || value > max)) {
      throw outOfRange(pointer, max, value.toString());
    }
    return value;
  }

  private static ProblemException outOfRange(String pointer, int max, String got) {
    return new ProblemException(
        Problem.badField(
            pointer,
            "field "
                + pointer
                + " must be a whole number from 1 to "
                + max
                + " (or null for the default), got "
                + got));
  }
}
