package io.aispine.cli.certify;

import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.agents.contract.ContractJson;
import io.aispine.agents.manifest.JsonSchemas;
import io.aispine.agents.manifest.ManifestRules;
import io.aispine.cli.project.AgentScaffold;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest of a created agent meets every rule of the certification suite and registry. */
class ScaffoldManifestTest {

  @Test
  void created_manifest_has_no_problem_and_its_sample_matches_its_input_schema(@TempDir Path work)
      throws Exception {
    new AgentScaffold("demo", null, work.resolve("demo"), null).create();

    var manifest =
        ContractJson.mapper().readTree(work.resolve("demo/src/main/resources/agent.json").toFile());

    assertThat(ManifestRules.forCertification(manifest)).isEmpty();
    assertThat(JsonSchemas.problemsOf(manifest.get("output_schema"))).isEmpty();
    // and a server's registry takes it as it is
    assertThat(ManifestRules.forRegistry(manifest, java.util.Set.of())).isEmpty();
  }
}
