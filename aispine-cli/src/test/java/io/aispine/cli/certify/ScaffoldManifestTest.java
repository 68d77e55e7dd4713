package io.aispine.cli.certify;

import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.agents.contract.ContractJson;
import io.aispine.cli.project.AgentScaffold;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest of a created agent meets every rule of the certification suite. */
class ScaffoldManifestTest {

  @Test
  void created_manifest_has_no_problem_and_its_sample_matches_its_input_schema(@TempDir Path work)
      throws Exception {
    new AgentScaffold("demo", null, work.resolve("demo"), null).create();

    var manifest =
        ContractJson.mapper().readTree(work.resolve("demo/src/main/resources/agent.json").toFile());

    assertThat(ManifestRules.problemsOf(manifest)).isEmpty();
    assertThat(Schemas.problemsOf(manifest.get("output_schema"))).isEmpty();
  }
}
