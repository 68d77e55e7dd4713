package io.aispine.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an agent version's manifest says beyond its name, version, URL and description.
 *
 * @param category a marketplace category ({@code documents}, {@code messaging} …), or null
 * @param tags search tags
 * @param inputSchema the JSON Schema (2020-12) its input must match, or null to accept anything
 * @param outputSchema the JSON Schema its successful output must match, or null for anything
 * @param sampleInput an input it accepts, or null
 * @param pricing how its calls are priced, or null when it did not say
 * @param limits the limits it declares, or null when it declares none
 * @param sensitive true when its actions need a person's care (approval)
 * @param sensitiveActions the actions that are sensitive when not all are
 */
public record AgentDetails(
    String category,
    List<String> tags,
    Object inputSchema,
    Object outputSchema,
    Map<String, Object> sampleInput,
    AgentPricing pricing,
    AgentLimits limits,
    boolean sensitive,
    List<String> sensitiveActions) {

  /** A version registered without a manifest: no category, tags, schemas, pricing or limits. */
  public static final AgentDetails NONE =
      new AgentDetails(null, List.of(), null, null, null, null, null, false, List.of());

  public AgentDetails {
    tags = tags == null ? List.of() : List.copyOf(tags);
    sensitiveActions = sensitiveActions == null ? List.of() : List.copyOf(sensitiveActions);
    sampleInput =
        sampleInput == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(sampleInput));
  }
}
