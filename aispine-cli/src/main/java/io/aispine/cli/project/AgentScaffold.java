package io.aispine.cli.project;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A new agent project for {@code aispine agent create}: the agent on its language's SDK, its
 * manifest, a test over real HTTP, a README, a {@code ./run} script and a signing secret; for Java
 * a Maven build with the Maven wrapper, for Python and TypeScript a copy of the SDK, so that the
 * project runs with nothing to install.
 *
 * @param name the agent's name, checked by the manifest's rule
 * @param packageName the Java package of the agent class
 * @param directory where the project goes: absent or empty
 * @param sdkRepository the distribution's Maven repository holding the SDK, or null when there is
 *     none (the SDK must then come from a repository the user configures); Java only
 * @param language the project's language
 */
public record AgentScaffold(
    String name, String packageName, Path directory, Path sdkRepository, AgentLanguage language) {

  private static final Charset UTF8 = StandardCharsets.UTF_8;

  /** The signing secret shared with AI Spine, relative to the project's directory. */
  public static final String SECRET_FILE = "agent.secret";

  private static final SecureRandom RANDOM = new SecureRandom();

  public AgentScaffold {
    JavaNames.checkAgentName(name);
    if (language != AgentLanguage.JAVA && packageName != null) {
      throw new IllegalArgumentException(
          "--package names the Java package of the agent class; leave it out for a "
              + language.name().toLowerCase(java.util.Locale.ROOT)
              + " agent");
    }
    packageName = packageName == null ? JavaNames.defaultPackage(name) : packageName;
    JavaNames.checkPackage(packageName);
    directory = directory.toAbsolutePath().normalize();
    sdkRepository = sdkRepository == null ? null : sdkRepository.toAbsolutePath().normalize();
  }

  /** A Java project. */
  public AgentScaffold(String name, String packageName, Path directory, Path sdkRepository) {
    this(name, packageName, directory, sdkRepository, AgentLanguage.JAVA);
  }

  /** The agent class's simple name, such as {@code OcrIdAgent}. */
  public String className() {
    return JavaNames.className(name);
  }

  /** The agent's source file (the one to make yours), relative to {@link #directory}. */
  public String agentSource() {
    return switch (language) {
      case JAVA -> "src/main/java/" + packageName.replace('.', '/') + "/" + className() + ".java";
      case PYTHON, TYPESCRIPT -> language.marker();
    };
  }

  /**
   * Writes the project and returns its files, relative to {@link #directory}. The files are written
   * beside it first and moved in at once, so a failure leaves nothing half-written.
   *
   * @throws FileAlreadyExistsException when {@link #directory} exists and is not empty, or is a
   *     file
   */
  public List<String> create() throws IOException {
    refuseToOverwrite();
    Path parent = directory.getParent();
    Files.createDirectories(parent);
    // Not Files.createTempDirectory: its 0700 would become the project's permissions.
    Path staging =
        Files.createDirectory(
            parent.resolve(
                "." + directory.getFileName() + ".creating-" + UUID.randomUUID().toString()));
    try {
      List<String> written = writeInto(staging);
      try {
        // A rename: it also takes the place of an empty directory, and of nothing else.
        Files.move(staging, directory, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        refuseToOverwrite(); // Something appeared there meanwhile: say so plainly.
        throw e;
      }
      return written;
    } finally {
      deleteTree(staging);
    }
  }

  private void refuseToOverwrite() throws IOException {
    if (Files.isDirectory(directory)) {
      try (Stream<Path> entries = Files.list(directory)) {
        if (entries.findAny().isPresent()) {
          throw new FileAlreadyExistsException(
              directory.toString(),
              null,
              "the directory exists and is not empty; choose another with --dir, or remove it");
        }
      }
    } else if (Files.exists(directory)) {
      throw new FileAlreadyExistsException(directory.toString(), null, "a file is in the way");
    }
  }

  private List<String> writeInto(Path root) throws IOException {
    List<String> written =
        switch (language) {
          case JAVA -> writeJava(root);
          case PYTHON -> writeScripted(root, "python", "test_agent.py", "aispine_agent");
          case TYPESCRIPT ->
              writeScripted(root, "typescript", "agent.test.js", "vendor/aispine-agent");
        };
    if (root.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(
          root.resolve("run"), PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return written;
  }

  /**
   * A Python or TypeScript project: the agent, its test, the manifest (the same as a Java
   * project's), {@code ./run}, a README, and the SDK copied from the CLI's jar into {@code sdk}.
   */
  private List<String> writeScripted(Path root, String folder, String test, String sdk)
      throws IOException {
    Map<String, String> values = values();
    var written = new ArrayList<String>();
    var files = new LinkedHashMap<String, String>();
    files.put(language.marker(), folder + "/" + language.marker() + ".template");
    files.put(test, folder + "/" + test + ".template");
    files.put(language.manifest(), "agent.json.template");
    if (language == AgentLanguage.TYPESCRIPT) {
      files.put("package.json", folder + "/package.json.template");
      files.put("jsconfig.json", folder + "/jsconfig.json.template");
    }
    files.put("README.md", folder + "/README.md.template");
    files.put(".gitignore", folder + "/gitignore.template");
    files.put("run", folder + "/run.template");
    for (var file : files.entrySet()) {
      write(root, file.getKey(), Templates.fill(file.getValue(), values).getBytes(UTF8), written);
    }
    for (var file : Templates.tree(folder + "/" + sdk).entrySet()) {
      write(root, sdk + "/" + file.getKey(), file.getValue(), written);
    }
    writeSecret(root.resolve(SECRET_FILE));
    written.add(SECRET_FILE);
    return written;
  }

  private List<String> writeJava(Path root) throws IOException {
    Map<String, String> values = values();
    String packagePath = packageName.replace('.', '/');
    var written = new ArrayList<String>();
    var files = new LinkedHashMap<String, String>();
    files.put("pom.xml", "pom.xml.template");
    files.put(agentSource(), "Agent.java.template");
    files.put("src/main/resources/agent.json", "agent.json.template");
    files.put("src/main/resources/logback.xml", "logback.xml.template");
    files.put(
        "src/test/java/" + packagePath + "/" + className() + "Test.java",
        "AgentTest.java.template");
    files.put("README.md", "README.md.template");
    files.put(".gitignore", "gitignore.template");
    files.put("run", "run.template");
    for (var file : files.entrySet()) {
      write(root, file.getKey(), Templates.fill(file.getValue(), values).getBytes(UTF8), written);
    }
    // The same JDK finder as bin/aispine: ./run uses it, and so does ./mvnw, at this very path.
    write(root, "bin/lib/find-jdk.sh", Templates.bytes("jdk/find-jdk.sh"), written);
    writeSecret(root.resolve(SECRET_FILE));
    written.add(SECRET_FILE);
    // Maven's own JVM: a build this small ends before C2 pays off; C1 alone halves its CPU time.
    write(root, ".mvn/jvm.config", Templates.bytes("jvm.config.template"), written);
    for (String wrapper : List.of("mvnw", "mvnw.cmd", ".mvn/wrapper/maven-wrapper.properties")) {
      write(root, wrapper, Templates.bytes("wrapper/" + wrapper), written);
    }
    if (root.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(
          root.resolve("mvnw"), PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    if (sdkRepository != null) {
      // A read-only local repository after ~/.m2 (Maven >= 3.9, which the wrapper pins): Maven
      // reads the SDK from the distribution and copies nothing of it into ~/.m2.
      String config = "-Dmaven.repo.local.tail=" + sdkRepository + "\n";
      write(root, ".mvn/maven.config", config.getBytes(UTF8), written);
    }
    return written;
  }

  private Map<String, String> values() {
    Properties v = Templates.versions();
    return Map.ofEntries(
        Map.entry("name", name),
        Map.entry("package", packageName),
        Map.entry("packagePath", packageName.replace('.', '/')),
        Map.entry("class", className()),
        Map.entry("groupId", JavaNames.groupId(packageName)),
        Map.entry("aispineVersion", v.getProperty("aispine")),
        Map.entry("junitVersion", v.getProperty("junit")),
        Map.entry("logbackVersion", v.getProperty("logback")),
        Map.entry("surefireVersion", v.getProperty("surefire")),
        Map.entry("compilerPluginVersion", v.getProperty("compilerPlugin")),
        Map.entry("jarPluginVersion", v.getProperty("jarPlugin")),
        Map.entry("resourcesPluginVersion", v.getProperty("resourcesPlugin")),
        Map.entry("dependencyPluginVersion", v.getProperty("dependencyPlugin")),
        Map.entry("cleanPluginVersion", v.getProperty("cleanPlugin")),
        Map.entry("typescriptVersion", v.getProperty("typescript")),
        Map.entry("typesNodeVersion", v.getProperty("typesNode")));
  }

  /**
   * 256 random bits, URL-safe, in a file created readable by its owner only (never by others, not
   * even for an instant).
   */
  private static void writeSecret(Path file) throws IOException {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    Files.writeString(file, secret + "\n");
  }

  private static void write(Path root, String relative, byte[] content, List<String> written)
      throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.write(file, content);
    written.add(relative);
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
