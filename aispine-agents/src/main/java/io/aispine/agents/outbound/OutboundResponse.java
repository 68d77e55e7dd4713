package io.aispine.agents.outbound;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The answer to an {@link OutboundRequest}.
 *
 * @param uri the URL that answered (after any redirects)
 * @param status the HTTP status
 * @param headers the response headers by lower-case name, in the order received
 * @param body the whole body, empty for none
 */
public record OutboundResponse(
    URI uri, int status, Map<String, List<String>> headers, byte[] body) {

  /** The first value of header {@code name}, if the response has it. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
  }

  /** The media type without parameters ({@code text/html}), or an empty string. */
  public String mediaType() {
    return header("content-type")
        .map(type -> type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT))
        .orElse("");
  }

  /** The body as text in the charset the content type names, else UTF-8. */
  public String text() {
    return new String(body, charset());
  }

  private Charset charset() {
    for (String parameter : header("content-type").orElse("").split(";")) {
      String[] pair = parameter.strip().split("=", 2);
      if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("charset")) {
        try {
          return Charset.forName(pair[1].strip().replace("\"", ""));
        } catch (IllegalArgumentException e) {
          return StandardCharsets.UTF_8; // an unknown charset: read what is most likely
        }
      }
    }
    return StandardCharsets.UTF_8;
  }
}
