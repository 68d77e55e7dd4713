package io.aispine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * docs/quickstart.md, run as printed with the packaged CLI, one section per language: create, edit
 * (the doc's own handler and manifest edit), test, run, register with a server, deploy the doc's
 * flow and run it, watching it to the end. The commands are read from the doc, so the doc cannot
 * drift from what works; only the ports are swapped for free ones (8080 in the commands, the
 * server's through {@code AISPINE_PORT} and {@code AISPINE_URL}).
 */
class PolyglotQuickstartIT {

  private static final Path DIST = Path.of(System.getProperty("aispine.dist", "target/aispine"));
  private static final Path DOC = Path.of("../docs/quickstart.md");
  private static final Pattern FENCE = Pattern.compile("(?ms)^```(\\w+)\\n(.*?)^```$");

  /** Where each section's handler lives, and how far the doc's replacement reaches. */
  enum Language {
    PYTHON("Python", "python", "word-count/agent.py", "@agent.handler\n", "\n\n\ndef main", 0),
    TYPESCRIPT(
        "TypeScript",
        "js",
        "word-count/agent.js",
        "/**\n * What the agent does with one call",
        "\n}\n",
        2),
    JAVA(
        "Java",
        "java",
        "word-count/src/main/java/com/example/wordcount/WordCountAgent.java",
        "  /** What the agent does with one call",
        "\n  }\n",
        4);

    final String heading;
    final String fence;
    final String source;
    final String start;
    final String end;
    final int endKept;

    Language(String heading, String fence, String source, String start, String end, int endKept) {
      this.heading = heading;
      this.fence = fence;
      this.source = source;
      this.start = start;
      this.end = end;
      this.endKept = endKept;
    }
  }

  @org.junit.jupiter.api.io.TempDir Path work;

  private final List<Process> background = new CopyOnWriteArrayList<>();
  private final Map<String, String> env = new HashMap<>();

  @AfterEach
  void stopBackgroundProcesses() throws InterruptedException {
    for (Process p : background) {
      p.destroy();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Language.class)
  void quickstart_runs_as_printed(Language language) throws Exception {
    String doc = Files.readString(DOC);
    int agentPort = freePort();
    int serverPort = freePort();
    env.put("AISPINE_CONFIG", work.resolve("config.yaml").toString());
    env.put("AISPINE_PORT", Integer.toString(serverPort));
    env.put("AISPINE_URL", "http://127.0.0.1:" + serverPort);
    env.put("AISPINE_AGENT_PORT", Integer.toString(agentPort));
    Files.writeString(work.resolve("count.yaml"), blocks(doc, "yaml").getFirst());
    String manifestLine = blocks(doc, "json").getFirst().stripTrailing();

    String section = section(doc, "## " + language.heading + "\n");
    var outputs = new HashMap<String, String>();
    for (Matcher fence = FENCE.matcher(section); fence.find(); ) {
      String kind = fence.group(1);
      String body = fence.group(2);
      if (kind.equals("bash")) {
        for (String line : body.lines().toList()) {
          String command = line.replaceFirst("\\s+#.*$", "").strip();
          if (!command.isEmpty()) {
            outputs.put(command, step(command.replace("8080", Integer.toString(agentPort))));
          }
        }
      } else if (kind.equals(language.fence)) {
        editHandler(language, body);
        editManifest(language, manifestLine);
      }
    }

    String tested = outputs.get("aispine agent test word-count");
    String certified = blocks(doc, "text").get(0).strip();
    assertThat(tested).as("agent test").contains(certified);
    if (language != Language.JAVA) {
      assertThat(tested).contains("Unit tests of word-count passed", "Started ./run at");
    }
    String flowRun =
        outputs.get(
            "aispine flow run count -i text=\"AI Spine runs agents. In any language!\" --wait");
    for (String expected : blocks(doc, "text").get(1).strip().split("\n")) {
      assertThat(flowRun).as("flow run --wait").contains(expected);
    }
    assertThat(flowRun).containsPattern("count +succeeded");
    assertThat(log("word-count-run.log"))
        .contains("word-count 0.1.0 on http://127.0.0.1:" + agentPort + " (signed calls only)");
    if (language == Language.TYPESCRIPT) {
      // The edited agent.js still type-checks against the SDK's .d.ts, as an editor shows it.
      TypeScriptToolchain.tsc(work.resolve("word-count"), "-p", "jsconfig.json");
    }
  }

  /** Runs one command of the doc; a trailing {@code &} starts it and waits until it serves. */
  private String step(String command) throws Exception {
    boolean detached = command.endsWith("&");
    List<String> words = words(detached ? command.substring(0, command.length() - 1) : command);
    List<String> argv = new ArrayList<>();
    if (words.getFirst().equals("aispine")) {
      argv.addAll(cli());
      argv.addAll(words.subList(1, words.size()));
    } else {
      argv.add(work.resolve(words.getFirst()).toString());
      argv.addAll(words.subList(1, words.size()));
    }
    var builder = new ProcessBuilder(argv).directory(work.toFile()).redirectErrorStream(true);
    builder.environment().putAll(env);
    if (detached) {
      String name = words.getFirst().equals("aispine") ? "server" : "word-count-run";
      Process p = builder.redirectOutput(work.resolve(name + ".log").toFile()).start();
      background.add(p);
      String health =
          "http://127.0.0.1:"
              + env.get(name.equals("server") ? "AISPINE_PORT" : "AISPINE_AGENT_PORT")
              + "/health";
      Awaitility.await()
          .atMost(Duration.ofMinutes(3))
          .ignoreExceptions()
          .failFast(command + " exited: " + log(name + ".log"), () -> !p.isAlive())
          .until(() -> status(health) == 200);
      return log(name + ".log");
    }
    Process p = builder.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    // Kept in target/failsafe-reports/*-output.txt, as the user would see it.
    System.out.println("$ " + command + "\n" + out);
    assertThat(p.exitValue()).as("$ %s%n%s", command, out).isZero();
    return out;
  }

  private void editHandler(Language language, String handler) throws IOException {
    Path source = work.resolve(language.source);
    String text = Files.readString(source);
    int start = text.indexOf(language.start);
    int end = text.indexOf(language.end, start);
    assertThat(start).as("the handler's start in %s", source).isNotNegative();
    assertThat(end).as("the handler's end in %s", source).isGreaterThan(start);
    Files.writeString(
        source,
        text.substring(0, start)
            + handler.stripTrailing()
            + text.substring(end + language.endKept));
  }

  private void editManifest(Language language, String line) throws IOException {
    Path manifest =
        work.resolve(
            language == Language.JAVA
                ? "word-count/src/main/resources/agent.json"
                : "word-count/agent.json");
    String characters = "\"characters\": {\"type\": \"integer\", \"minimum\": 0}";
    String text = Files.readString(manifest);
    assertThat(text).contains(characters);
    Files.writeString(manifest, text.replace(characters, characters + ",\n" + line));
  }

  // ---- the doc

  private static String section(String doc, String heading) {
    int start = doc.indexOf(heading);
    assertThat(start).as("section %s in %s", heading.strip(), DOC).isNotNegative();
    int end = doc.indexOf("\n## ", start + heading.length());
    return doc.substring(start, end < 0 ? doc.length() : end);
  }

  private static List<String> blocks(String doc, String kind) {
    var found = new ArrayList<String>();
    for (Matcher m = FENCE.matcher(doc); m.find(); ) {
      if (m.group(1).equals(kind)) {
        found.add(m.group(2));
      }
    }
    assertThat(found).as("```%s blocks in %s", kind, DOC).isNotEmpty();
    return found;
  }

  /** A command line split as a shell would: on spaces, with double quotes kept together. */
  static List<String> words(String command) {
    var words = new ArrayList<String>();
    var word = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (char c : command.strip().toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
        any = true;
      } else if (c == ' ' && !quoted) {
        if (any) {
          words.add(word.toString());
          word.setLength(0);
          any = false;
        }
      } else {
        word.append(c);
        any = true;
      }
    }
    if (any) {
      words.add(word.toString());
    }
    return words;
  }

  // ---- helpers

  private static List<String> cli() {
    return List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED",
        "-cp",
        DIST.resolve("lib").toAbsolutePath() + "/*",
        "io.aispine.cli.Main");
  }

  private String log(String name) {
    try {
      Path file = work.resolve(name);
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static int status(String url) throws Exception {
    try (var http = HttpClient.newHttpClient()) {
      return http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    }
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
