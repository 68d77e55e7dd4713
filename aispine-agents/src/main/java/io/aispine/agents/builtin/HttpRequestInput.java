package io.aispine.agents.builtin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aispine.agent.AgentException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The validated input of one {@code http} call.
 *
 * @param uri the request URI, query parameters included
 * @param method the upper-case method
 * @param headers the request headers to send, in input order
 * @param body the request body, or null for none
 * @param timeout the {@code timeout_ms} asked for, or null
 * @param expectStatus the statuses that count as success; empty for any 2xx
 */
record HttpRequestInput(
    URI uri,
    String method,
    Map<String, String> headers,
    byte[] body,
    Duration timeout,
    Set<Integer> expectStatus) {

  private static final Pattern METHOD = Pattern.compile("[A-Z][A-Z-]*");

  /** Whether {@code status} is a success for this request. */
  boolean expects(int status) {
    return expectStatus.isEmpty() ? status >= 200 && status <= 299 : expectStatus.contains(status);
  }

  /** Parses and validates the input; every problem is a permanent {@code INVALID_INPUT} error. */
  static HttpRequestInput parse(Map<String, Object> input, ObjectMapper json)
      throws AgentException.Permanent {
    var fields = new InputFields("http", input);
    URI uri = withQuery(fields, parseUrl(fields), fields.map("query"));
    String method = fields.string("method");
    method = method == null ? "GET" : method.trim().toUpperCase(Locale.ROOT);
    if (!METHOD.matcher(method).matches()) {
      throw fields.invalid("method", "must be an HTTP method such as GET or POST, got " + method);
    }
    var headers = new LinkedHashMap<String, String>();
    for (var header : fields.map("headers").entrySet()) {
      headers.put(header.getKey(), scalar(fields, "headers." + header.getKey(), header.getValue()));
    }
    byte[] body = body(fields, input.get("body"), headers, json);
    Long timeoutMs = fields.integer("timeout_ms", 1);
    Duration timeout = timeoutMs == null ? null : Duration.ofMillis(timeoutMs);
    return new HttpRequestInput(
        uri, method, Map.copyOf(headers), body, timeout, expectStatus(fields));
  }

  private static URI parseUrl(InputFields fields) throws AgentException.Permanent {
    String url = fields.string("url");
    if (url == null || url.isBlank()) {
      throw fields.invalid("url", "is required: the http:// or https:// address to call");
    }
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw fields.invalid("url", "is not a valid URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw fields.invalid("url", "must start with http:// or https://, got '" + scheme + ":'");
    }
    if (uri.getHost() == null) {
      throw fields.invalid("url", "has no host name");
    }
    return uri;
  }

  private static URI withQuery(InputFields fields, URI uri, Map<String, Object> query)
      throws AgentException.Permanent {
    if (query.isEmpty()) {
      return uri;
    }
    var url = new StringBuilder(uri.getScheme()).append("://").append(uri.getRawAuthority());
    url.append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
    char separator = '?';
    if (uri.getRawQuery() != null) {
      url.append('?').append(uri.getRawQuery());
      separator = '&';
    }
    for (var parameter : query.entrySet()) {
      if (parameter.getValue() == null) {
        continue; // a template that resolved to null leaves its parameter out
      }
      // A list repeats the parameter (?tag=a&tag=b), the usual convention for multiple values.
      List<?> values =
          parameter.getValue() instanceof List<?> list ? list : List.of(parameter.getValue());
      for (Object value : values) {
        String text = scalar(fields, "query." + parameter.getKey(), value);
        url.append(separator).append(encode(parameter.getKey())).append('=').append(encode(text));
        separator = '&';
      }
    }
    return URI.create(url.toString());
  }

  private static String encode(String text) {
    // URLEncoder writes form encoding; %20 is the spelling every server reads in a query.
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String scalar(InputFields fields, String name, Object value)
      throws AgentException.Permanent {
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    throw fields.invalid(
        name, "must be a string, number or boolean, got " + InputFields.describe(value));
  }

  private static byte[] body(
      InputFields fields, Object body, Map<String, String> headers, ObjectMapper json)
      throws AgentException.Permanent {
    if (body == null) {
      return null;
    }
    if (body instanceof String text) {
      putIfNoContentType(headers, "text/plain; charset=utf-8");
      return text.getBytes(StandardCharsets.UTF_8);
    }
    try {
      byte[] bytes = json.writeValueAsBytes(body);
      putIfNoContentType(headers, "application/json");
      return bytes;
    } catch (JsonProcessingException e) {
      throw fields.invalid("body", "cannot be written as JSON: " + e.getOriginalMessage());
    }
  }

  private static void putIfNoContentType(Map<String, String> headers, String contentType) {
    // A content type the flow sets itself wins: it knows what the server expects.
    if (headers.keySet().stream().noneMatch(name -> name.equalsIgnoreCase("content-type"))) {
      headers.put("Content-Type", contentType);
    }
  }

  private static Set<Integer> expectStatus(InputFields fields) throws AgentException.Permanent {
    List<?> list = fields.list("expect_status");
    if (list == null) {
      return Set.of();
    }
    var statuses = new TreeSet<Integer>();
    for (Object value : list) {
      Long status = value == null ? null : InputFields.asLong(value);
      if (status == null || status < 100 || status > 599) {
        throw fields.invalid(
            "expect_status",
            "must list HTTP statuses (integers 100-599), got " + InputFields.describe(value));
      }
      statuses.add(status.intValue());
    }
    if (statuses.isEmpty()) {
      throw fields.invalid("expect_status", "must list at least one status, or be left out");
    }
    // Sorted, so that error messages list the expected statuses in order.
    return Collections.unmodifiableSet(statuses);
  }
}
