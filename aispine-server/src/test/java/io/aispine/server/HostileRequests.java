package io.aispine.server;

import static io.aispine.server.HostilePayloads.pick;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Generates request number {@code i} of a seeded run over every operation of the server's OpenAPI
 * document: hostile path ids, query parameters, methods, headers, content types and bodies, and a
 * few raw requests no HTTP client would send. Request {@code i} depends only on the seed and {@code
 * i}, so a failure replays alone.
 */
final class HostileRequests {

  /** One operation of the OpenAPI document. */
  record Operation(
      String method,
      String path,
      List<String> queryParameters,
      String bodyType,
      boolean bodyRequired,
      boolean stream) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  /** Real things to aim at, so that requests get past the lookups into the handlers. */
  record Targets(
      String key,
      List<String> flows,
      List<String> executions,
      List<String> approvals,
      List<String> agents,
      List<String> versions) {}

  /**
   * How many distinct ids the generated flows use: reused, so that deploys also conflict, and few,
   * because {@code GET /api/v1/flows} parses the latest version of every flow on each call.
   */
  static final int FLOW_IDS = 40;

  private final long seed;
  private final List<Operation> operations;
  private final Targets targets;

  HostileRequests(long seed, List<Operation> operations, Targets targets) {
    this.seed = seed;
    this.operations = List.copyOf(operations);
    this.targets = targets;
  }

  /** Every operation of an OpenAPI document. */
  static List<Operation> operations(JsonNode openApi) {
    List<Operation> operations = new ArrayList<>();
    openApi
        .get("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        op -> {
                          List<String> query = new ArrayList<>();
                          op.getValue()
                              .path("parameters")
                              .forEach(
                                  p -> {
                                    if (p.path("in").asText().equals("query")) {
                                      query.add(p.get("name").asText());
                                    }
                                  });
                          JsonNode body = op.getValue().get("requestBody");
                          operations.add(
                              new Operation(
                                  op.getKey().toUpperCase(Locale.ROOT),
                                  path.getKey(),
                                  List.copyOf(query),
                                  body == null ? null : body.get("content").fieldNames().next(),
                                  body != null && body.path("required").asBoolean(false),
                                  path.getKey().endsWith("/stream")));
                        }));
    return operations;
  }

  /** The seed every request is derived from. */
  long seed() {
    return seed;
  }

  /** The operations requests are spread over, round robin. */
  List<Operation> operations() {
    return operations;
  }

  /** Request number {@code index}. */
  HostileRequest next(int index) {
    var r = new SplittableRandom(seed ^ (index * 0x9E3779B97F4A7C15L));
    Operation op = operations.get(index % operations.size());
    if (r.nextInt(40) == 0) {
      return RawRequests.next(r, index, op.path().replaceAll("\\{[^}]+}", "x"), targets.key());
    }
    String method = r.nextInt(14) == 0 ? pick(r, ODD_METHODS) : op.method();
    String target = fill(r, op.path()) + query(r, op);
    var request = new HostileRequest.Builder(index, op.toString(), method, target);
    authorization(r, request);
    if (op.stream() && r.nextBoolean()) {
      request.header("Accept", "text/event-stream");
      request.header("Last-Event-ID", pick(r, LAST_EVENT_IDS));
    }
    if (r.nextInt(5) == 0) {
      oddHeader(r, request);
    }
    if (op.bodyType() != null) {
      body(r, op, index, request);
    } else if (r.nextInt(10) == 0) {
      request.body(pick(r, CONTENT_TYPES), HostilePayloads.json(r), r.nextBoolean());
    }
    return request.build();
  }

  private void body(SplittableRandom r, Operation op, int index, HostileRequest.Builder request) {
    boolean yaml = op.bodyType().contains("yaml");
    String type =
        r.nextInt(5) == 0
            ? pick(r, CONTENT_TYPES)
            : yaml ? pick(r, List.of("application/yaml", "text/yaml")) : "application/json";
    boolean chunked = r.nextInt(4) == 0;
    int kind = r.nextInt(100);
    if (kind < 2) {
      request.body(type, HostilePayloads.huge(r), chunked);
    } else if (kind < 6) {
      request.body(r.nextBoolean() ? null : type, "", false);
    } else if (yaml) {
      String id = "fz" + (index % FLOW_IDS);
      request.body(type, HostileFlows.flowYaml(r, id, "1.0." + index), chunked);
    } else if (kind < 60) {
      request.body(type, HostilePayloads.shapedJson(r, op.path(), index), chunked);
    } else {
      request.body(type, HostilePayloads.json(r), chunked);
    }
  }

  private String fill(SplittableRandom r, String path) {
    String filled = path;
    boolean real = r.nextInt(3) > 0;
    filled = filled.replace("/flows/{id}", "/flows/" + (real ? flowId(r) : badId(r)));
    filled =
        filled.replace(
            "/executions/{id}", "/executions/" + (real ? pick(r, targets.executions()) : badId(r)));
    filled =
        filled.replace(
            "/approvals/{id}", "/approvals/" + (real ? pick(r, targets.approvals()) : badId(r)));
    filled = filled.replace("{name}", real ? pick(r, targets.agents()) : badId(r));
    filled = filled.replace("{version}", real ? pick(r, targets.versions()) : badId(r));
    return filled;
  }

  private String flowId(SplittableRandom r) {
    // a generated flow that may have been deployed by an earlier request, or a fixture
    return r.nextBoolean() ? "fz" + r.nextInt(FLOW_IDS) : pick(r, targets.flows());
  }

  private static String badId(SplittableRandom r) {
    return switch (r.nextInt(4)) {
      case 0 -> pick(r, BAD_IDS);
      case 1 -> "ex_01" + "z".repeat(r.nextInt(1, 40));
      case 2 -> URLEncoder.encode(HostilePayloads.text(r, 60), StandardCharsets.UTF_8);
      default -> "x".repeat(r.nextInt(100, 6000));
    };
  }

  private static String query(SplittableRandom r, Operation op) {
    if (r.nextInt(3) > 0) {
      return "";
    }
    List<String> names = new ArrayList<>(op.queryParameters());
    names.addAll(List.of("unknown", "limit", "cursor", "", "%00", "a[b]"));
    StringBuilder query = new StringBuilder("?");
    int n = r.nextInt(1, 5);
    for (int i = 0; i < n; i++) {
      String value =
          r.nextBoolean()
              ? pick(r, QUERY_VALUES)
              : URLEncoder.encode(HostilePayloads.text(r, 80), StandardCharsets.UTF_8);
      query.append(i == 0 ? "" : "&").append(pick(r, names)).append('=').append(value);
    }
    return query.toString();
  }

  private void authorization(SplittableRandom r, HostileRequest.Builder request) {
    int kind = r.nextInt(50);
    if (kind == 0) {
      return;
    }
    String value =
        switch (kind) {
          case 1 -> "Bearer ask_" + "A".repeat(43);
          case 2 -> "Basic " + targets.key();
          case 3 -> "Bearer";
          case 4 -> "Bearer " + targets.key() + " extra";
          case 5 -> "bearer    " + "k".repeat(r.nextInt(1, 7000));
          default -> "Bearer " + targets.key();
        };
    request.header("Authorization", value);
  }

  private static void oddHeader(SplittableRandom r, HostileRequest.Builder request) {
    switch (r.nextInt(6)) {
      case 0 ->
          request.header("Accept", pick(r, List.of("*/*", "text/html", "application/xml", "")));
      case 1 -> request.header("X-Filler", "f".repeat(r.nextInt(1, 7000)));
      case 2 -> request.header("Accept-Encoding", pick(r, List.of("gzip", "br, zstd", "x;q=NaN")));
      case 3 -> request.header("Content-Encoding", pick(r, List.of("gzip", "deflate", "bogus")));
      case 4 -> request.header("Range", "bytes=0-1,1-2,2-3");
      default -> {
        for (int i = 0; i < r.nextInt(1, 60); i++) {
          request.header("X-Many-" + i, "v" + i);
        }
      }
    }
  }

  static final List<String> ODD_METHODS =
      List.of(
          "PATCH", "DELETE", "OPTIONS", "HEAD", "TRACE", "BREW", "PROPFIND", "get", "PUT", "POST");

  static final List<String> CONTENT_TYPES =
      List.of(
          "garbage/%%%",
          "text/plain",
          "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=xyz",
          "application/json; charset=utf-16",
          "application/json; charset=nope",
          "application/json;;;",
          "APPLICATION/JSON",
          "application/yaml",
          "application/problem+json",
          ";",
          "*/*",
          "application/" + "j".repeat(3000));

  static final List<String> BAD_IDS =
      List.of(
          "..",
          "%2e%2e",
          "%2F",
          "%00",
          "%20",
          "~",
          "%7B%7D",
          "%C3%28",
          "%25",
          ";",
          "'%20OR%201=1--",
          "$%7B7*7%7D",
          "ex_",
          "ap_",
          "null",
          "-1",
          "%F0%9F%92%A9",
          "a%2Fb",
          "%5C..%5C");

  static final List<String> QUERY_VALUES =
      List.of(
          "",
          "-1",
          "0",
          "501",
          "1e3",
          "99999999999999999999",
          "abc",
          "%00",
          "null",
          "2026-13-45T99:99:99Z",
          "running",
          "%E2%9C%93",
          "x".repeat(4000),
          "a&b=c",
          "%ZZ");

  static final List<String> LAST_EVENT_IDS =
      List.of(
          "-1", "abc", "1.5", "99999999999999999999", "0", "ex_1:7", "0x10", " ", "1".repeat(500));
}
