package io.aispine.engine.decider;

import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.execution.NodeStatus;
import io.aispine.flow.FlowParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeciderSwitchTest {

  @ParameterizedTest
  @CsvSource({
    "gold, vip_lane",
    "silver, priority_lane",
    "it's, priority_lane",
    "bronze, standard_lane"
  })
  void switch_activates_the_case_of_the_value_and_skips_the_others(String tier, String lane)
      throws Exception {
    String yaml = Files.readString(Path.of("src/test/resources/flows/valid/decision-switch.yaml"));
    var s = Scenario.of(FlowParser.parse(yaml, "switch.yaml"), Map.of("tier", tier));

    s.start();

    assertThat(s.node("route").output()).extracting("branch").isEqualTo(lane);
    assertThat(s.scheduledPaths()).contains(lane);
    assertThat(s.status("standard_lane"))
        .isEqualTo(lane.equals("standard_lane") ? NodeStatus.SCHEDULED : NodeStatus.SKIPPED);
  }
}
