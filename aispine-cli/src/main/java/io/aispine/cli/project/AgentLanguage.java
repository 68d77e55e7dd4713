package io.aispine.cli.project;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The languages {@code aispine agent create} writes projects in, each on its own agent SDK. */
public enum AgentLanguage {
  /** A Maven project on the Java agent SDK, built into a runnable jar. */
  JAVA("pom.xml", "src/main/resources/agent.json"),
  /** {@code agent.py} on the Python agent SDK (standard library only), run as it is. */
  PYTHON("agent.py", "agent.json"),
  /** {@code agent.js} (JavaScript checked by TypeScript) on the TypeScript agent SDK for Node. */
  TYPESCRIPT("agent.js", "agent.json");

  private final String marker;
  private final String manifest;

  AgentLanguage(String marker, String manifest) {
    this.marker = marker;
    this.manifest = manifest;
  }

  /** The file whose presence says a directory holds a project in this language. */
  public String marker() {
    return marker;
  }

  /** The manifest's path, relative to the project's directory. */
  public String manifest() {
    return manifest;
  }

  /** The language of the project in {@code directory}, if it holds one. */
  public static Optional<AgentLanguage> of(Path directory) {
    for (AgentLanguage language : values()) {
      if (Files.isRegularFile(directory.resolve(language.marker))) {
        return Optional.of(language);
      }
    }
    return Optional.empty();
  }
}
