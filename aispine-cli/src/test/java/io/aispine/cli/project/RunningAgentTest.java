package io.aispine.cli.project;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting a built agent jar that never becomes healthy; AgentScaffoldIT starts a good one. */
class RunningAgentTest {

  @TempDir Path work;

  @Test
  void an_agent_that_exits_at_once_is_reported_with_its_output() throws Exception {
    var manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "com.example.Missing");
    Path jar = work.resolve("broken.jar");
    try (OutputStream out = Files.newOutputStream(jar);
        var ignored = new JarOutputStream(out, manifest)) {
      // A jar whose Main-Class is not in it: the JVM says so and exits 1.
    }

    assertThatThrownBy(
            () -> RunningAgent.start(jar, null, work.resolve("agent.log"), Duration.ofSeconds(60)))
        .isInstanceOf(AgentProjectException.class)
        .hasMessageContaining("the agent exited with 1 before answering /health")
        .hasMessageContaining("com.example.Missing");
  }
}
