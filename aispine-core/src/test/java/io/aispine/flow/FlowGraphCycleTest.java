package io.aispine.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlowGraphCycleTest {

  /** A chain n0 ← n1 ← … ← n(length-1): each node needs the one before it. */
  private static Map<String, List<String>> chain(int length) {
    var upstream = new LinkedHashMap<String, List<String>>();
    upstream.put("n0", List.of());
    for (int i = 1; i < length; i++) {
      upstream.put("n" + i, List.of("n" + (i - 1)));
    }
    return upstream;
  }

  @Test
  void a_chain_of_a_hundred_thousand_nodes_has_no_cycle_and_does_not_overflow_the_stack() {
    var upstream = new LinkedHashMap<String, List<String>>();
    // the last node first, so the search walks the whole chain in one descent
    var links = chain(100_000);
    upstream.put("n99999", links.get("n99999"));
    upstream.putAll(links);

    assertThat(FlowGraph.findCycle(upstream)).isEmpty();
  }

  @Test
  void a_cycle_at_the_far_end_of_a_long_chain_is_found_in_flow_direction() {
    var upstream = chain(50_000);
    upstream.put("n0", List.of("n2")); // n2 → n0 → n1 → n2, each node upstream of the next
    var searchFromTheTop = new LinkedHashMap<String, List<String>>();
    searchFromTheTop.put("n49999", upstream.get("n49999"));
    searchFromTheTop.putAll(upstream);

    assertThat(FlowGraph.findCycle(searchFromTheTop)).containsExactly("n2", "n0", "n1", "n2");
  }

  @Test
  void unknown_upstream_ids_are_ignored() {
    assertThat(FlowGraph.findCycle(Map.of("a", List.of("ghost"), "b", List.of("a")))).isEmpty();
  }
}
