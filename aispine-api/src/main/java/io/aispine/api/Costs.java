package io.aispine.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The answer of {@code GET /api/v1/costs}: totals per group, costliest first, and their sum. */
public record Costs(
    @JsonProperty("group_by")
        @WireField(
            values = {"execution", "node", "agent", "flow", "model", "provider", "day", "week"})
        String groupBy,
    List<CostTotal> items,
    @JsonProperty("cost_usd") double costUsd) {

  public Costs {
    items = items == null ? List.of() : List.copyOf(items);
  }
}
