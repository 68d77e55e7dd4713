package io.aispine.kyc;

import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.agent.AgentProvider;
import io.aispine.flow.FlowParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KycFlowTest {

  @Test
  void the_agents_are_found_through_service_loader() {
    Set<String> names = new HashSet<>();
    ServiceLoader.load(AgentProvider.class).forEach(p -> names.add(p.name()));

    assertThat(names).contains("ocr", "reservations", "kyc-match");
  }

  @Test
  void the_onboarding_flow_is_valid_with_the_agents_on_the_class_path() throws Exception {
    Path file = Path.of("../examples/kyc/kyc_onboarding.yaml");
    // no echo placeholders: every step runs on a real agent (whatsapp from aispine-agents)
    Set<String> agents = new HashSet<>();
    ServiceLoader.load(AgentProvider.class).forEach(p -> agents.add(p.name()));
    assertThat(agents).contains("whatsapp");
    assertThat(Files.readString(file)).doesNotContain("agent: echo");

    assertThat(FlowParser.validate(Files.readString(file), file.toString(), agents::contains))
        .isEmpty();
  }
}
