package io.aispine.agents.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbound client against real servers on two loopback addresses: {@code 127.0.0.2} plays a
 * public host the allowlist opens, {@code 127.0.0.1} (same port) an internal one it must never
 * reach.
 */
class OutboundHttpTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private HttpServer internal;
  private HttpServer allowed;
  private final ConcurrentLinkedQueue<String> internalHits = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<String> allowedHits = new ConcurrentLinkedQueue<>();
  private int port;
  private OutboundHttp http;

  @BeforeEach
  void startServers() throws IOException {
    internal = server("127.0.0.1", 0, internalHits);
    port = internal.getAddress().getPort();
    allowed = server("127.0.0.2", port, allowedHits);
    allowed.createContext(
        "/to-internal", ex -> redirect(ex, "http://127.0.0.1:" + port + "/secret", allowedHits));
    allowed.createContext(
        "/to-localhost", ex -> redirect(ex, "http://localhost:" + port + "/secret", allowedHits));
    allowed.createContext(
        "/to-metadata",
        ex -> redirect(ex, "http://169.254.169.254/latest/meta-data/", allowedHits));
    allowed.createContext("/to-file", ex -> redirect(ex, "file:///etc/passwd", allowedHits));
    allowed.createContext("/to-self", ex -> redirect(ex, "/landing", allowedHits));
  }

  @AfterEach
  void stop() {
    internal.stop(0);
    allowed.stop(0);
    if (http != null) {
      http.close();
    }
  }

  @Test
  void connects_to_the_address_it_checked_even_when_dns_answers_otherwise_later() throws Exception {
    // The first answer is allowed; every later one points at the internal server. A client that
    // checked one answer and then resolved again to connect would reach 127.0.0.1.
    var lookups = new AtomicInteger();
    OutboundPolicy.Resolver rebinding =
        host -> {
          String address = lookups.getAndIncrement() == 0 ? "127.0.0.2" : "127.0.0.1";
          return List.of(InetAddress.getByName(address));
        };
    http = client(allowlisted("127.0.0.2").withResolver(rebinding));

    OutboundResponse response = http.send(get("http://rebind.test:" + port + "/page"));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.text()).isEqualTo("127.0.0.2 /page");
    assertThat(internalHits).isEmpty();
    assertThat(lookups).hasValue(1);
  }

  @Test
  void refuses_a_name_whose_answer_is_denied_before_sending_anything() {
    http =
        client(
            allowlisted("127.0.0.2")
                .withResolver(host -> List.of(InetAddress.getByName("127.0.0.1"))));

    assertThatThrownBy(() -> http.send(get("http://innocent.test:" + port + "/secret")))
        .isInstanceOfSatisfying(
            OutboundDeniedException.class,
            e ->
                assertThat(e.getMessage())
                    .contains("innocent.test:" + port + " (127.0.0.1)", "loopback")
                    .contains("AISPINE_OUTBOUND_ALLOW"));
    assertThat(internalHits).isEmpty();
  }

  @Test
  void refuses_a_redirect_to_a_denied_address() {
    http = client(allowlisted("127.0.0.2"));

    for (String path : List.of("/to-internal", "/to-localhost", "/to-metadata")) {
      assertThatThrownBy(
              () -> http.send(get("http://127.0.0.2:" + port + path).followingRedirects(5)))
          .as(path)
          .isInstanceOf(OutboundDeniedException.class)
          .hasMessageContaining("denied");
    }
    assertThat(allowedHits).contains("/to-internal", "/to-localhost", "/to-metadata");
    assertThat(internalHits).isEmpty();
  }

  @Test
  void refuses_a_redirect_to_another_scheme() {
    http = client(allowlisted("127.0.0.2"));

    assertThatThrownBy(
            () -> http.send(get("http://127.0.0.2:" + port + "/to-file").followingRedirects(5)))
        .isInstanceOf(OutboundDeniedException.class)
        .hasMessageContaining("only http:// and https://");
  }

  @Test
  void follows_an_allowed_redirect_and_answers_a_redirect_it_may_not_follow() throws Exception {
    http = client(allowlisted("127.0.0.2"));

    OutboundResponse followed =
        http.send(get("http://127.0.0.2:" + port + "/to-self").followingRedirects(5));
    OutboundResponse notFollowed = http.send(get("http://127.0.0.2:" + port + "/to-internal"));

    assertThat(followed.status()).isEqualTo(200);
    assertThat(followed.text()).isEqualTo("127.0.0.2 /landing");
    assertThat(notFollowed.status()).isEqualTo(302);
    assertThat(internalHits).isEmpty();
  }

  @Test
  void refuses_numeric_spellings_of_loopback_without_connecting() {
    http = client(OutboundPolicy.publicOnly(OutboundAllowlist.none()));

    for (String host :
        List.of("127.0.0.1", "2130706433", "127.1", "localhost", "[::ffff:127.0.0.1]", "0")) {
      assertThatThrownBy(() -> http.send(get("http://" + host + ":" + port + "/secret")))
          .as(host)
          .isInstanceOf(OutboundDeniedException.class);
    }
    assertThat(internalHits).isEmpty();
  }

  @Test
  void a_local_process_reaches_loopback_by_any_spelling() throws Exception {
    http = client(OutboundPolicy.localProcess(OutboundAllowlist.none()));

    OutboundResponse response = http.send(get("http://2130706433:" + port + "/spelled"));

    assertThat(response.text()).isEqualTo("127.0.0.1 /spelled");
  }

  private static OutboundPolicy allowlisted(String list) {
    return OutboundPolicy.publicOnly(OutboundAllowlist.parse(list));
  }

  private static OutboundHttp client(OutboundPolicy policy) {
    return new OutboundHttp(policy);
  }

  private static OutboundRequest get(String url) {
    return OutboundRequest.of("GET", URI.create(url), TIMEOUT);
  }

  private static HttpServer server(String address, int port, ConcurrentLinkedQueue<String> hits)
      throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), port), 0);
    server.createContext(
        "/",
        ex -> {
          hits.add(ex.getRequestURI().getPath());
          respond(ex, 200, address + " " + ex.getRequestURI().getPath());
        });
    server.start();
    return server;
  }

  private static void redirect(HttpExchange ex, String location, ConcurrentLinkedQueue<String> hits)
      throws IOException {
    hits.add(ex.getRequestURI().getPath());
    ex.getResponseHeaders().set("Location", location);
    respond(ex, 302, "");
  }

  private static void respond(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain");
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (var out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
