package io.aispine.server;

import static io.aispine.server.HostilePayloads.pick;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Requests written byte by byte, which no HTTP client sends: broken request lines and versions,
 * malformed headers, conflicting or impossible body framing.
 */
final class RawRequests {

  private RawRequests() {}

  /** A raw request aimed at {@code path}. */
  static HostileRequest next(SplittableRandom r, int index, String path, String key) {
    String auth = r.nextBoolean() ? "Authorization: Bearer " + key + "\r\n" : "";
    String head =
        switch (r.nextInt(3)) {
          case 0 -> pick(r, requestLines(path)) + "\r\nHost: x\r\n" + auth;
          case 1 -> "GET " + path + " HTTP/1.1\r\n" + auth + pick(r, headerTroubles());
          default -> "POST " + path + " HTTP/1.1\r\nHost: x\r\n" + auth + pick(r, framings());
        };
    String request = head.contains("\r\n\r\n") ? head : head + "\r\n";
    return HostileRequest.raw(index, "raw " + path, request.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static List<String> requestLines(String path) {
    return List.of(
        "GET " + path + " HTTP/9.9",
        "GET " + path + " HTTP/1.1.1",
        "GET " + path + " HTTP/2.0",
        "GET " + path + " HTTP/0.9",
        "GET " + path + " FOO/1.1",
        "GET " + path + "\u0000 HTTP/1.1",
        "GET  " + path + "  HTTP/1.1",
        "G\u0001T " + path + " HTTP/1.1",
        "GET " + path + " HTTP/1.1 extra",
        "GET http://127.0.0.1:1" + path + " HTTP/1.1",
        "GET * HTTP/1.1",
        "OPTIONS * HTTP/1.1",
        "CONNECT 127.0.0.1:1 HTTP/1.1",
        "GET /%%% HTTP/1.1",
        "GET " + path + "?%zz HTTP/1.1",
        "get " + path + " http/1.1",
        "M".repeat(5000) + " " + path + " HTTP/1.1",
        "GET /" + "a".repeat(9000) + " HTTP/1.1",
        "GET " + path + "#frag HTTP/1.1",
        "GET \u00ff\u00fe HTTP/1.1",
        "PRI * HTTP/2.0\r\n\r\nSM",
        "\r\n\r\nGET " + path + " HTTP/1.1");
  }

  private static List<String> headerTroubles() {
    return List.of(
        "",
        "Host: a\r\nHost: b\r\n",
        "Host: x\r\nNoColon\r\n",
        "Host : x\r\n",
        "Host: x\r\nX-Fold: a\r\n b\r\n",
        "Host: x\r\nX-Nul: a\u0000b\r\n",
        "Host: x\r\nX-Big: " + "b".repeat(9000) + "\r\n",
        "Host: x\r\n" + "X-Many: v\r\n".repeat(400),
        "Host: x\r\nX-Latin: \u00e9\u00ff\r\n",
        "Host: x\nX-Lf: only\n",
        "Host: x\rX-Cr: bare\r\n",
        "Host: x\r\n: empty-name\r\n",
        "Host: x\r\nAuthorization: Bearer \u0000\r\n",
        "Host: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}",
        "Host: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\nhello",
        "Host: x\r\nUpgrade: h2c\r\nConnection: Upgrade, HTTP2-Settings\r\nHTTP2-Settings: AAMAAABkAAQAAP__\r\n",
        "Host: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: x\r\nSec-WebSocket-Version: 13\r\n");
  }

  private static List<String> framings() {
    String json = "Content-Type: application/json\r\n";
    return List.of(
        json + "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
        json + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
        json + "Content-Length: -1\r\n\r\n{}",
        json + "Content-Length: 99999999999999999999\r\n\r\n{}",
        json + "Content-Length: 1048577\r\n\r\n{}",
        json + "Content-Length: 50\r\n\r\n{\"truncated\": ",
        json + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
        json + "Transfer-Encoding: chunked\r\n\r\n2;" + "e".repeat(9000) + "\r\n{}\r\n0\r\n\r\n",
        json + "Transfer-Encoding: gzip\r\n\r\n{}",
        json + "Transfer-Encoding: chunked, identity\r\n\r\n{}",
        json + "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\nX-Trailer: t\r\n\r\n",
        json + "Transfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFF\r\n{}",
        json + "Transfer-Encoding: chunked\r\n\r\n2\r\n{}",
        json + "Content-Encoding: gzip\r\nContent-Length: 2\r\n\r\n{}",
        "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 40\r\n\r\n--b\r\nContent-Disposition: form-data\r\n\r\n",
        "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 7\r\n\r\na=1&b=2");
  }
}
