package io.aispine.server;

import static io.aispine.server.HostilePayloads.pick;
import static io.aispine.server.HostilePayloads.size;
import static io.aispine.server.HostilePayloads.text;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Flow YAML meant to hurt: alias bombs, deep nesting, cycles through thousands of nodes, and valid
 * flows whose expressions are the attack (deep, long, huge ranges and literals), which deploy and
 * run when started. Every choice comes from the random source it is given.
 */
final class HostileFlows {

  private HostileFlows() {}

  /** Flow YAML: hostile expressions in an otherwise valid flow, bombs, deep nesting, garbage. */
  static String flowYaml(SplittableRandom r, String id, String version) {
    return switch (r.nextInt(9)) {
      case 0, 1, 2, 3 -> expressionFlow(r, id, version);
      case 4 -> aliasBomb(r);
      case 5 -> deepYaml(r);
      case 6 -> longChainFlow(r, id, version);
      case 7 -> pick(r, BROKEN_YAML);
      default -> text(r, 2000);
    };
  }

  /** A valid flow whose expressions are the attack: it deploys, and a start evaluates them. */
  static String expressionFlow(SplittableRandom r, String id, String version) {
    if (r.nextInt(3) > 0) {
      return distinctSums(r, id, version);
    }
    String expression = expression(r);
    String quoted = "'" + expression.replace("'", "''") + "'";
    String agent = r.nextBoolean() ? "echo" : "echo@>=0.0." + r.nextInt(0, 1_000_000);
    return switch (r.nextInt(4)) {
      case 0 ->
          flow(
              id,
              version,
              "  - {id: a, agent: " + agent + ", with: {v: " + template(quoted) + "}}");
      case 1 ->
          flow(
              id,
              version,
              "  - id: each\n    type: foreach\n    items: "
                  + template(quoted)
                  + "\n    body:\n      - {id: b, agent: echo, with: {i: '${item}'}}");
      case 2 ->
          flow(
              id,
              version,
              "  - id: pick\n    type: decision\n    when:\n      - if: "
                  + quoted
                  + "\n        then: a\n    else: a\n  - {id: a, agent: echo}");
      default ->
          flow(id, version, "  - {id: a, agent: " + agent + "}")
              + "outputs:\n  o: "
              + template(quoted)
              + "\n";
    };
  }

  /**
   * A valid flow whose nodes each hold a long sum no other flow has: cheap to send, costly to keep,
   * so a cache of compiled expressions that is bounded by count only shows in the heap.
   */
  static String distinctSums(SplittableRandom r, String id, String version) {
    StringBuilder nodes = new StringBuilder();
    int count = r.nextInt(1, 41);
    for (int i = 0; i < count; i++) {
      String sum = version.replace('.', '0') + i + "+1".repeat(size(r, 100, 2000));
      nodes.append("  - {id: n").append(i).append(", agent: echo, with: {v: '${");
      nodes.append(sum).append("}'}}\n");
    }
    return flow(id, version, nodes.toString().stripTrailing());
  }

  /** One hostile expression: deep, long, huge ranges, huge literals. */
  static String expression(SplittableRandom r) {
    int n = size(r, 10, 20_000);
    return switch (r.nextInt(10)) {
      case 0 -> "(".repeat(n) + "1" + ")".repeat(n);
      case 1 -> "1" + "+1".repeat(n * 5);
      case 2 -> "1.." + pick(r, List.of("2000000000", "2147483647", "9999999999999"));
      case 3 -> "size(1..2000000000)";
      case 4 -> "[" + "1,".repeat(n) + "1]";
      case 5 -> "{'a':".repeat(Math.min(n, 3000)) + "1" + "}".repeat(Math.min(n, 3000));
      case 6 -> "'" + "x".repeat(n) + "'" + " + 'y'".repeat(Math.min(n, 2000));
      case 7 -> "-".repeat(n) + "1";
      case 8 -> "true ? ".repeat(Math.min(n, 5000)) + "1" + " : 0".repeat(Math.min(n, 5000));
      default -> pick(r, ODD_EXPRESSIONS);
    };
  }

  private static String template(String quotedExpression) {
    // a single-quoted YAML scalar holding ${…}
    return "'${" + quotedExpression.substring(1, quotedExpression.length() - 1) + "}'";
  }

  private static String flow(String id, String version, String nodes) {
    return "id: " + id + "\nversion: " + version + "\nnodes:\n" + nodes + "\n";
  }

  /**
   * A long chain of nodes, each needing the one before: closed into a cycle through thousands of
   * nodes (refused at deploy, after walking them all), or open and short enough to run.
   */
  static String longChainFlow(SplittableRandom r, String id, String version) {
    boolean cycle = r.nextBoolean();
    int n = cycle ? size(r, 50, 6000) : size(r, 20, 200);
    StringBuilder nodes = new StringBuilder("  - {id: n0, agent: echo}\n");
    for (int i = 1; i < n; i++) {
      nodes.append("  - {id: n").append(i).append(", agent: echo, needs: n").append(i - 1);
      nodes.append("}\n");
    }
    if (cycle) {
      nodes.append("  - {id: loop, agent: echo, needs: n").append(n - 1).append("}\n");
      nodes.replace(
          0, "  - {id: n0, agent: echo}".length(), "  - {id: n0, agent: echo, needs: loop}");
    }
    return flow(id, version, nodes.toString().stripTrailing());
  }

  /** The billion laughs: each level refers to the one before nine times. */
  static String aliasBomb(SplittableRandom r) {
    int levels = r.nextInt(3, 12);
    StringBuilder yaml = new StringBuilder("a0: &a0 [\"lol\"]\n");
    for (int i = 1; i < levels; i++) {
      yaml.append('a').append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 9; j++) {
        yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      yaml.append("]\n");
    }
    return yaml.append("id: bomb\nversion: 1.0.0\nnodes: *a")
        .append(levels - 1)
        .append('\n')
        .toString();
  }

  /** YAML nested far past any flow: flow style, block style, or nested aliases. */
  static String deepYaml(SplittableRandom r) {
    int depth = size(r, 50, 100_000);
    return switch (r.nextInt(3)) {
      case 0 -> "id: deep\nversion: 1.0.0\nnodes: " + "[".repeat(depth) + "]".repeat(depth);
      case 1 -> {
        StringBuilder yaml = new StringBuilder("id: deep\nversion: 1.0.0\nmeta:\n");
        for (int i = 0; i < Math.min(depth, 2000); i++) {
          yaml.append(" ".repeat(i + 1)).append("a:\n");
        }
        yield yaml.append(" ".repeat(Math.min(depth, 2000) + 1)).append("1\n").toString();
      }
      default ->
          "id: deep\nversion: 1.0.0\nnodes: " + "{a: ".repeat(depth) + "1" + "}".repeat(depth);
    };
  }

  static final List<String> ODD_EXPRESSIONS =
      List.of(
          "x.class",
          "inputs['class']",
          "''.getClass()",
          "new('java.lang.Runtime')",
          "var x = 1",
          "while (true) {}",
          "x -> x",
          "#pragma a b",
          "inputs.name =~ '(a+)+$'",
          "'a' * 2147483647",
          "1 / 0",
          "9223372036854775807 + 1",
          "1e999999",
          "nodes['a'].output" + ".x".repeat(5000),
          "`${'x'}`",
          "\u0000",
          "");

  static final List<String> BROKEN_YAML =
      List.of(
          "id: x\nnodes: [\n",
          "- a\n- b\n",
          "id: [unclosed",
          "&a [*a]",
          "id: x\nid: y\n",
          "!!java.lang.Runtime {}",
          "!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1:1\"]]]]",
          "\t\tid: x",
          "%YAML 9.9\n---\n",
          "id: a\n---\nid: b\n",
          "? [a, b]\n: c\n",
          "id: !!binary aGVsbG8=\n",
          "id: x\nversion: 1.0.0\nnodes: !!set {a, b}\n",
          "a: &x {b: 1}\nc:\n  <<: *x\n  <<: *x\n",
          "id: \"\\ud800\"\n",
          "\uFEFF\uFEFFid: x");
}
