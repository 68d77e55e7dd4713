package io.aispine.cli.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Building a project with its own Maven wrapper; the IT builds a whole one end to end. */
class AgentProjectTest {

  @TempDir Path work;

  @Test
  void a_failed_build_reports_mavens_lines_and_the_command() throws Exception {
    Path dir = work.resolve("demo");
    new AgentScaffold("demo", null, dir, null).create();
    // A pom Maven cannot read fails in a second, before any plugin or download.
    Files.writeString(dir.resolve("pom.xml"), "<project><modelVersion>4.0.0</modelVersion>");
    List<String> lines = new ArrayList<>();
    var project = new AgentProject(dir);

    assertThat(project.buildCommand()).isEqualTo("./mvnw -B -q package");
    assertThatThrownBy(() -> project.build(lines::add))
        .isInstanceOf(AgentProjectException.class)
        .hasMessage("the build failed (./mvnw -B -q package exited with 1)")
        .matches(e -> !((AgentProjectException) e).environment());
    assertThat(String.join("\n", lines)).contains("Non-readable POM", "pom.xml");
  }

  @Test
  void a_project_without_a_runnable_jar_is_named_as_such() throws Exception {
    Files.createDirectories(work.resolve("target"));
    Files.writeString(work.resolve("pom.xml"), "<project/>");

    assertThat(AgentProject.isProject(work)).isTrue();
    assertThatThrownBy(() -> new AgentProject(work).runnableJar())
        .isInstanceOf(AgentProjectException.class)
        .hasMessageContaining("no runnable jar in " + work.resolve("target"));
  }
}
