package io.aispine.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An HTTP answer to bytes written on a plain socket: for requests no HTTP client will send (an
 * unknown HTTP version, a malformed request line).
 */
record RawAnswer(int status, Map<String, String> headers, String body) {

  /** Sends {@code request} as ISO-8859-1 and reads the first answer: its head and its body. */
  static RawAnswer send(int port, String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return read(socket.getInputStream());
    }
  }

  /** The value of a header, by its name in lower case, or null. */
  String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  private static RawAnswer read(InputStream in) throws IOException {
    var received = new ByteArrayOutputStream();
    String text = "";
    int end;
    while ((end = text.indexOf("\r\n\r\n")) < 0) {
      int b = in.read();
      if (b < 0) {
        throw new AssertionError("the connection ended before an HTTP answer: " + text);
      }
      received.write(b);
      text = received.toString(StandardCharsets.ISO_8859_1);
    }
    String[] lines = text.substring(0, end).split("\r\n");
    Map<String, String> headers = new TreeMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(
          lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).strip());
    }
    byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
    return new RawAnswer(
        Integer.parseInt(lines[0].split(" ")[1]),
        headers,
        new String(body, StandardCharsets.UTF_8));
  }
}
