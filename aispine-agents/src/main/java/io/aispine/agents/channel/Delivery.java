package io.aispine.agents.channel;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One webhook request as it arrived: the raw body bytes (signatures cover them exactly) and the
 * headers, whose names are matched without regard to case.
 */
public record Delivery(byte[] body, Map<String, String> headers) {

  public Delivery {
    body = body == null ? new byte[0] : body.clone();
    var folded = new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
    if (headers != null) {
      headers.forEach((name, value) -> folded.put(name.toLowerCase(Locale.ROOT), value));
    }
    headers = folded;
  }

  /** The header's value, or null. */
  public String header(String name) {
    return headers.get(name);
  }

  @Override
  public byte[] body() {
    return body.clone();
  }
}
