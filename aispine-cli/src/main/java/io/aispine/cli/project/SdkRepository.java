package io.aispine.cli.project;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The Maven repository that the distribution carries ({@code aispine-cli/target/aispine/repo}): the
 * agent SDK, what it needs of ours and their parent pom, which generated projects build against
 * until the SDK is published.
 */
public final class SdkRepository {

  /** Overrides where the repository is looked for. */
  public static final String ENV = "AISPINE_SDK_REPO";

  private SdkRepository() {}

  /** The repository for the running CLI: {@value #ENV}, else the one beside its {@code lib/}. */
  public static Optional<Path> locate() {
    String configured = System.getenv(ENV);
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Path.of(configured.strip())).filter(SdkRepository::holdsSdk);
    }
    try {
      Path code =
          Path.of(SdkRepository.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      // In the distribution the CLI is lib/aispine-cli.jar; in a build tree it is target/classes.
      Path home =
          Files.isDirectory(code)
              ? code.getParent().resolve("aispine")
              : code.getParent().getParent();
      return Optional.of(home.resolve("repo")).filter(SdkRepository::holdsSdk);
    } catch (URISyntaxException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Whether {@code repository} holds the agent SDK of this version of the CLI. */
  static boolean holdsSdk(Path repository) {
    String version = Templates.versions().getProperty("aispine");
    return Files.isRegularFile(
        repository.resolve(
            "io/aispine/aispine-agent-sdk/" + version + "/aispine-agent-sdk-" + version + ".pom"));
  }
}
