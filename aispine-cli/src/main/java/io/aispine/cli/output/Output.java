package io.aispine.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.aispine.sdk.ApiJson;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Prints a remote command's result as aligned columns, {@code key: value} lines, or JSON. */
public final class Output {

  private final PrintWriter out;
  private final OutputFormat format;

  public Output(PrintWriter out, OutputFormat format) {
    this.out = out;
    this.format = format;
  }

  public boolean isJson() {
    return format == OutputFormat.JSON;
  }

  public PrintWriter writer() {
    return out;
  }

  /** Writes {@code value} as the API's JSON (snake_case, RFC 3339 times), indented. */
  public void json(Object value) {
    try {
      out.println(ApiJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value));
      out.flush();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the answer as JSON", e);
    }
  }

  /** Aligned columns under upper-case headers; {@code empty} when there are no rows. */
  public void table(List<String> headers, List<List<String>> rows, String empty) {
    if (rows.isEmpty()) {
      out.println(empty);
      out.flush();
      return;
    }
    int[] widths = new int[headers.size()];
    var all = new ArrayList<List<String>>();
    all.add(headers.stream().map(h -> h.toUpperCase(java.util.Locale.ROOT)).toList());
    all.addAll(rows);
    for (List<String> row : all) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], cell(row.get(i)).length());
      }
    }
    for (List<String> row : all) {
      var line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        String value = cell(row.get(i));
        line.append(i == row.size() - 1 ? value : pad(value, widths[i] + 2));
      }
      out.println(line.toString().stripTrailing());
    }
    out.flush();
  }

  /** {@code key: value} lines with the values aligned. */
  public void fields(Map<String, ?> values) {
    int width = values.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
    values.forEach((k, v) -> out.println(pad(k + ":", width) + cell(v)));
    out.flush();
  }

  /** {@code Outputs:} then one {@code name: JSON value} line each; nothing when there are none. */
  public void outputs(Map<String, Object> outputs) {
    if (outputs == null || outputs.isEmpty()) {
      return;
    }
    out.println("Outputs:");
    outputs.forEach((name, value) -> out.println("  " + name + ": " + compactJson(value)));
    out.flush();
  }

  /** A value as one line of JSON. */
  public static String compactJson(Object value) {
    try {
      return ApiJson.mapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      return String.valueOf(value);
    }
  }

  /** A time to the second, or {@code -}. */
  public static String time(Instant at) {
    return at == null ? "-" : at.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** A value for one cell: {@code -} for nothing, compact JSON for maps and lists. */
  public static String cell(Object value) {
    if (value == null) {
      return "-";
    }
    if (value instanceof Instant i) {
      return time(i);
    }
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      return compactJson(value);
    }
    String text = value.toString();
    return text.isEmpty() ? "-" : text.replace('\n', ' ');
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
  }
}
