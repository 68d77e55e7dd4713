package io.aispine.cli.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aispine.agentsdk.AgentManifest;
import java.io.File;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files {@code aispine agent create} writes, and what it refuses. */
class AgentScaffoldTest {

  @TempDir Path work;

  private AgentScaffold scaffold(String name, String packageName) {
    return new AgentScaffold(name, packageName, work.resolve(name), work.resolve("repo"));
  }

  @Test
  void writes_a_maven_project_with_agent_manifest_test_readme_and_wrapper() throws IOException {
    List<String> files = scaffold("ocr-id", null).create();

    Path project = work.resolve("ocr-id");
    assertThat(files)
        .containsExactlyInAnyOrder(
            "pom.xml",
            "src/main/java/com/example/ocrid/OcrIdAgent.java",
            "src/main/resources/agent.json",
            "src/main/resources/logback.xml",
            "src/test/java/com/example/ocrid/OcrIdAgentTest.java",
            "README.md",
            ".gitignore",
            "agent.secret",
            "run",
            "bin/lib/find-jdk.sh",
            "mvnw",
            "mvnw.cmd",
            ".mvn/wrapper/maven-wrapper.properties",
            ".mvn/jvm.config",
            ".mvn/maven.config");
    assertThat(files).allSatisfy(f -> assertThat(project.resolve(f)).isRegularFile());
    assertThat(Files.isExecutable(project.resolve("mvnw"))).isTrue();
    assertThat(project.resolve("mvnw")).hasSameBinaryContentAs(Path.of("../mvnw"));

    String pom = Files.readString(project.resolve("pom.xml"));
    assertThat(pom)
        .contains("<groupId>com.example</groupId>", "<artifactId>ocr-id</artifactId>")
        .contains("<artifactId>aispine-agent-sdk</artifactId>")
        .contains("<aispine.version>" + Templates.versions().getProperty("aispine") + "<")
        .contains("<main.class>com.example.ocrid.OcrIdAgent</main.class>")
        .contains("<maven.compiler.release>21</maven.compiler.release>");
    assertThat(Files.readString(project.resolve(".mvn/maven.config")))
        .isEqualTo("-Dmaven.repo.local.tail=" + work.resolve("repo") + "\n");
    assertThat(Files.readString(project.resolve("README.md")))
        .contains("# ocr-id", "./run", "aispine agent test .")
        .contains("aispine agent register http://127.0.0.1:8080 --manifest");
  }

  @Test
  void runs_with_the_jdk_finder_of_aispine_so_an_old_default_java_does_not_matter()
      throws IOException {
    scaffold("demo", null).create();

    Path project = work.resolve("demo");
    assertThat(Files.isExecutable(project.resolve("run"))).isTrue();
    // The same finder as bin/aispine; the project's mvnw looks for it at this very path.
    assertThat(project.resolve("bin/lib/find-jdk.sh"))
        .hasSameBinaryContentAs(Path.of("../bin/lib/find-jdk.sh"));
    assertThat(Files.readString(project.resolve("run")))
        .contains(". bin/lib/find-jdk.sh", "aispine_find_jdk", "\"$JAVA_HOME/bin/java\" -jar");
  }

  @Test
  void generates_a_signing_secret_readable_by_its_owner_only_and_kept_out_of_git()
      throws IOException {
    scaffold("demo", null).create();
    scaffold("other", null).create();

    Path secret = work.resolve("demo/agent.secret");
    assertThat(Files.getPosixFilePermissions(secret))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.readString(secret).strip()).matches("[A-Za-z0-9_-]{43}");
    assertThat(Files.readString(secret))
        .isNotEqualTo(Files.readString(work.resolve("other/agent.secret")));
    assertThat(Files.readAllLines(work.resolve("demo/.gitignore"))).contains("agent.secret");
    assertThat(Files.readString(work.resolve("demo/run"))).contains("agent.secret");
  }

  @Test
  void the_agent_listens_on_loopback_and_refuses_to_serve_without_a_secret() throws IOException {
    scaffold("demo", null).create();

    String source =
        Files.readString(work.resolve("demo/src/main/java/com/example/demo/DemoAgent.java"));
    assertThat(source)
        .contains("getOrDefault(\"AISPINE_AGENT_HOST\", \"127.0.0.1\")")
        .contains("AispineAgent.SECRET_ENV");
  }

  @Test
  void fills_every_placeholder() throws IOException {
    scaffold("demo", "org.acme.text").create();

    try (Stream<Path> files = Files.walk(work.resolve("demo"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(file)).as(file.toString()).doesNotContain("{{");
      }
    }
    assertThat(work.resolve("demo/src/main/java/org/acme/text/DemoAgent.java")).exists();
  }

  @Test
  void writes_a_manifest_the_sdk_reads_with_the_agent_name_and_version() throws IOException {
    scaffold("word-count", null).create();

    try (var in = Files.newInputStream(work.resolve("word-count/src/main/resources/agent.json"))) {
      AgentManifest manifest = AgentManifest.read(in);
      assertThat(manifest.name()).isEqualTo("word-count");
      assertThat(manifest.version()).isEqualTo("0.1.0");
      assertThat(manifest.sampleInput()).containsKey("text");
      assertThat(manifest.outputSchema()).containsKey("properties");
    }
  }

  @Test
  void generated_sources_compile_against_the_sdk() throws IOException {
    scaffold("my-agent", null).create();
    Path project = work.resolve("my-agent");
    List<String> sources;
    try (Stream<Path> files = Files.walk(project.resolve("src"))) {
      sources = files.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
    }
    assertThat(sources).hasSize(2).anyMatch(s -> s.endsWith("com/example/myagent/MyAgent.java"));

    var errors = new java.io.ByteArrayOutputStream();
    int result =
        ToolProvider.getSystemJavaCompiler()
            .run(
                null,
                null,
                errors,
                Stream.concat(
                        Stream.of(
                            "-Xlint:all,-path,-processing",
                            "-Werror",
                            "--release",
                            "21",
                            "-d",
                            work.resolve("classes").toString(),
                            "-cp",
                            System.getProperty("java.class.path")),
                        sources.stream())
                    .toArray(String[]::new));

    assertThat(result).as(errors.toString()).isZero();
    assertThat(work.resolve("classes/com/example/myagent/MyAgent.class")).exists();
  }

  @Test
  void derives_the_java_names_from_the_agent_name() {
    assertThat(JavaNames.defaultPackage("ocr-id")).isEqualTo("com.example.ocrid");
    assertThat(JavaNames.defaultPackage("new")).isEqualTo("com.example.newagent");
    assertThat(JavaNames.className("ocr-id")).isEqualTo("OcrIdAgent");
    assertThat(JavaNames.className("my-agent")).isEqualTo("MyAgent");
    assertThat(JavaNames.className("a1-b2")).isEqualTo("A1B2Agent");
    assertThat(JavaNames.groupId("org.acme.text")).isEqualTo("org.acme");
    assertThat(JavaNames.groupId("acme")).isEqualTo("acme");
  }

  @Test
  void rejects_names_the_manifest_would_reject() {
    for (String bad : List.of("Demo", "1demo", "my agent", "my_agent", "", "-x")) {
      assertThatThrownBy(() -> scaffold(bad, null))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("lower-case letters, digits and dashes");
    }
    assertThatThrownBy(() -> new AgentScaffold(null, null, work, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("agent name is needed");
  }

  @Test
  void rejects_a_package_that_is_not_a_java_name() {
    for (String bad : List.of("com.acme-x", "com.class.x", "1acme", "com..acme", "com.acme.")) {
      assertThatThrownBy(() -> scaffold("demo", bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("is not a Java package name");
    }
  }

  @Test
  void refuses_a_directory_that_is_not_empty_and_leaves_it_as_it_was() throws IOException {
    Path existing = Files.createDirectories(work.resolve("demo"));
    Files.writeString(existing.resolve("notes.txt"), "mine");

    assertThatThrownBy(() -> scaffold("demo", null).create())
        .isInstanceOf(FileAlreadyExistsException.class)
        .hasMessageContaining("not empty");
    try (Stream<Path> left = Files.list(existing)) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactly("notes.txt");
    }
    try (Stream<Path> siblings = Files.list(work)) {
      assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("demo");
    }
  }

  @Test
  void refuses_a_file_in_the_way() throws IOException {
    Files.writeString(work.resolve("demo"), "a file");

    assertThatThrownBy(() -> scaffold("demo", null).create())
        .isInstanceOf(FileAlreadyExistsException.class)
        .hasMessageContaining("a file is in the way");
  }

  @Test
  void fills_an_empty_directory_and_leaves_nothing_beside_it() throws IOException {
    Files.createDirectories(work.resolve("demo"));

    scaffold("demo", null).create();

    assertThat(work.resolve("demo/pom.xml")).exists();
    try (Stream<Path> siblings = Files.list(work)) {
      assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("demo");
    }
  }

  @Test
  void without_an_sdk_repository_writes_no_maven_config() throws IOException {
    var files = new AgentScaffold("demo", null, work.resolve("nested/dir/demo"), null).create();

    assertThat(files).doesNotContain(".mvn/maven.config");
    assertThat(work.resolve("nested/dir/demo" + File.separator + "pom.xml")).exists();
  }
}
