package io.aispine.server;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Request bodies meant to hurt: malformed, huge and deep JSON, agent manifests with
 * self-referencing and remote schemas (flows: {@link HostileFlows}). Every choice comes from the
 * random source it is given, so a seed and an index replay the same body.
 */
final class HostilePayloads {

  /** A little over the server's 1 MiB body limit. */
  static final int OVER_LIMIT = 1024 * 1024 + 17;

  private HostilePayloads() {}

  /** Any JSON-ish text: malformed, deep, numeric extremes, huge or almost-valid. */
  static String json(SplittableRandom r) {
    return switch (r.nextInt(9)) {
      case 0 -> pick(r, MALFORMED_JSON);
      case 1 -> deepJson(r);
      case 2 -> "{\"inputs\": {\"n\": " + pick(r, NUMBERS) + "}}";
      case 3 -> "{" + text(r, 200);
      case 4 -> text(r, 300);
      case 5 -> manyKeys(r);
      case 6 -> "{\"inputs\": {\"s\": \"" + "x".repeat(size(r, 1000, 900_000)) + "\"}}";
      case 7 -> "[" + "1,".repeat(size(r, 10, 200_000)) + "1]";
      default -> "{\"a\": \"\\u" + pick(r, List.of("d800", "zzzz", "0000", "dfff\\ud800")) + "\"}";
    };
  }

  /** A body over the server's limit, mostly valid JSON so that only its size is wrong. */
  static String huge(SplittableRandom r) {
    String filler = "x".repeat(OVER_LIMIT + r.nextInt(0, 4096));
    return r.nextBoolean() ? "{\"inputs\": {\"s\": \"" + filler + "\"}}" : filler;
  }

  /** JSON nested far deeper than any request needs, under the size limit. */
  static String deepJson(SplittableRandom r) {
    int depth = size(r, 100, 200_000);
    return switch (r.nextInt(3)) {
      case 0 -> "[".repeat(depth) + "]".repeat(depth);
      case 1 -> "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
      default -> "{\"inputs\": {\"a\": " + "[".repeat(depth) + "]".repeat(depth) + "}}";
    };
  }

  /** A body shaped like the one {@code path} takes, with hostile values in its fields. */
  static String shapedJson(SplittableRandom r, String path, int index) {
    if (path.endsWith("/limits")) {
      return "{\"rate_per_minute\": "
          + pick(r, NUMBERS)
          + ", \"max_concurrency\": "
          + pick(r, NUMBERS)
          + "}";
    }
    if (path.endsWith("/executions")) {
      if (r.nextInt(3) > 0) {
        return "{}"; // a plain start, so that the flows deployed before run their expressions
      }
      return "{\"inputs\": "
          + pick(r, List.of("{}", "{\"name\": \"fz\"}", "null", "[]", deepJson(r), manyKeys(r)))
          + (r.nextBoolean() ? ", \"version\": \"" + pick(r, VERSIONS) + "\"" : "")
          + "}";
    }
    if (path.endsWith("/replay")) {
      return "{\"from\": \""
          + pick(r, List.of("greet", "nope", "greet/0/x", "../x", "", "x".repeat(5000)))
          + "\", \"outputs\": {\"greet\": "
          + pick(r, List.of("1", "null", deepJson(r)))
          + "}}";
    }
    if (path.endsWith("/deprecate")) {
      return "{\"reason\": \"" + "r".repeat(r.nextInt(0, 2000)) + "\"}";
    }
    if (path.endsWith("/approve") || path.endsWith("/reject")) {
      return "{\"comment\": \"" + "c".repeat(r.nextInt(0, 9000)) + "\"}";
    }
    if (path.equals("/api/v1/agents")) {
      return manifest(r, index);
    }
    return json(r);
  }

  /** An agent registration whose schemas or fields are hostile. */
  static String manifest(SplittableRandom r, int index) {
    String name =
        r.nextInt(4) == 0
            ? pick(r, List.of("", "A B", "echo", "x".repeat(300), "ünïcode", "../etc"))
            : "fz-agent-" + (index % 300);
    String url =
        pick(
            r,
            List.of(
                "http://127.0.0.1:1",
                "javascript:alert(1)",
                "file:///etc/passwd",
                "http://[::1]:1/x",
                "ftp://127.0.0.1/",
                "http://127.0.0.1:1/" + "p".repeat(3000)));
    String schema = pick(r, SCHEMAS);
    String version = "1." + (index % 7) + "." + r.nextInt(0, 3);
    StringBuilder body = new StringBuilder("{\"name\": \"").append(name);
    body.append("\", \"version\": \"").append(version).append("\", \"url\": \"").append(url);
    body.append("\", \"input_schema\": ").append(schema);
    if (r.nextBoolean()) {
      body.append(", \"output_schema\": ").append(pick(r, SCHEMAS));
    }
    if (r.nextBoolean()) {
      body.append(", \"sample_input\": ").append(pick(r, List.of("{}", "\"x\"", deepJson(r))));
    }
    if (r.nextBoolean()) {
      body.append(", \"limits\": {\"rate_per_minute\": ").append(pick(r, NUMBERS)).append('}');
    }
    if (r.nextInt(4) == 0) {
      body.append(", \"tags\": [").append("\"t\",".repeat(size(r, 1, 20_000))).append("\"t\"]");
    }
    return body.append('}').toString();
  }

  /** Random text: ASCII, control characters, surrogates, anything up to {@code max} chars. */
  static String text(SplittableRandom r, int max) {
    int length = r.nextInt(0, max + 1);
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(
          switch (r.nextInt(4)) {
            case 0 -> (char) r.nextInt(0, 0x20);
            case 1 -> (char) r.nextInt(0x20, 0x7f);
            case 2 -> (char) r.nextInt(0x7f, 0xd800);
            default -> (char) r.nextInt(0xd800, 0x10000);
          });
    }
    return text.toString();
  }

  private static String manyKeys(SplittableRandom r) {
    int n = size(r, 10, 50_000);
    StringBuilder json = new StringBuilder("{\"inputs\": {");
    for (int i = 0; i < n; i++) {
      json.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
    }
    return json.append("}}").toString();
  }

  /**
   * A size from {@code min} to {@code max}, as likely in each power of two: mostly modest, now and
   * then extreme, so that the run stays short and still meets the worst cases.
   */
  static int size(SplittableRandom r, int min, int max) {
    double logMin = Math.log(min);
    return (int) Math.min(max, Math.exp(logMin + r.nextDouble() * (Math.log(max) - logMin)));
  }

  static <T> T pick(SplittableRandom r, List<T> options) {
    return options.get(r.nextInt(options.size()));
  }

  static final List<String> VERSIONS =
      List.of("1.0.0", "9.9.9", "", "^1", ">=0", "x".repeat(200), "1.0.0-\u0000", "latest");

  static final List<String> NUMBERS =
      List.of(
          "1",
          "0",
          "-1",
          "1.5",
          "\"5\"",
          "1e3",
          "1e400",
          "-1e400",
          "99999999999999999999",
          "2147483648",
          "null",
          "true",
          "[]",
          "{}",
          "NaN",
          "Infinity",
          "0x10",
          "01",
          "1".repeat(2000));

  static final List<String> MALFORMED_JSON =
      List.of(
          "{",
          "}",
          "[]",
          "null",
          "42",
          "\"x\"",
          "{\"inputs\": ",
          "{\"a\":1}{\"b\":2}",
          "\uFEFF{}",
          "{'inputs': {}}",
          "{\"inputs\": {}, \"inputs\": {}}",
          "{\"a\" 1}",
          "{\"a\":1,}",
          "[1,]",
          "{\"\\u0000\": 1}",
          "\u0000",
          "{\"a\": \"\n\"}",
          "{\"a\": 1} trailing",
          "/* comment */ {}",
          "{\"a\": 01}",
          "{\"a\": .5}",
          "{\"a\": +1}");

  static final List<String> SCHEMAS =
      List.of(
          "{\"$ref\": \"#\"}",
          "{\"$ref\": \"#/$defs/a\", \"$defs\": {\"a\": {\"$ref\": \"#/$defs/a\"}}}",
          "{\"$ref\": \"#/$defs/a\", \"$defs\": {\"a\": {\"$ref\": \"#/$defs/b\"}, \"b\": {\"$ref\": \"#/$defs/a\"}}}",
          "{\"$ref\": \"http://127.0.0.1:1/schema.json\"}",
          "{\"$ref\": \"file:///etc/passwd\"}",
          "{\"$ref\": \"urn:x:y\"}",
          "{\"$id\": \"http://127.0.0.1:1/\", \"$ref\": \"other.json\"}",
          "{\"$schema\": \"http://127.0.0.1:1/meta\"}",
          "{\"type\": \"string\", \"pattern\": \"(a+)+$\"}",
          "{\"type\": \"object\", \"properties\": {\"x\": {\"$dynamicRef\": \"#meta\"}}}",
          "{\"allOf\": [" + "{\"allOf\": [".repeat(500) + "{}" + "]}".repeat(500) + "]}",
          "{\"type\": \"wat\"}",
          "{\"type\": \"object\", \"required\": [\"a\"]}",
          "true",
          "false",
          "\"schema\"",
          "[]");
}
