package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} names agents and counts their calls: open on a loopback-only server, behind an
 * API key on one other machines can reach, unless {@code AISPINE_METRICS_AUTH} says otherwise.
 */
class MetricsAccessTest {

  @TempDir Path dataDir;

  private AispineServer server;

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void a_server_listening_on_every_interface_asks_for_a_key_by_default() {
    // found by fuzzing: anyone reaching the port read agent names and call counts
    Api.Answer anonymous = metricsOf(MetricsAccess.AUTO, "0.0.0.0", null);

    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.contentType()).startsWith("application/problem+json");
    assertThat(anonymous.body()).doesNotContain("aispine_");
    assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
  }

  @Test
  void a_key_opens_the_metrics_a_wrong_key_does_not() {
    Api.Answer wrong = metricsOf(MetricsAccess.KEY, "127.0.0.1", "ask_not-a-key");
    Api.Answer keyed = metrics(adminKey());

    assertThat(wrong.status()).isEqualTo(401);
    assertThat(keyed.status()).isEqualTo(200);
    assertThat(keyed.contentType()).startsWith("text/plain");
    assertThat(keyed.body()).contains("aispine_executions_started_total");
  }

  @Test
  void a_loopback_server_serves_metrics_without_a_key_by_default() {
    Api.Answer anonymous = metricsOf(MetricsAccess.AUTO, "127.0.0.1", null);

    assertThat(anonymous.status()).isEqualTo(200);
    assertThat(anonymous.body()).contains("aispine_executions_started_total");
  }

  @Test
  void open_serves_metrics_to_anyone_even_on_every_interface() {
    assertThat(metricsOf(MetricsAccess.OPEN, "0.0.0.0", null).status()).isEqualTo(200);
  }

  @Test
  void the_openapi_document_says_whether_metrics_need_a_key() {
    metricsOf(MetricsAccess.KEY, "127.0.0.1", null);
    var guarded =
        new Api(server.port(), null).get("/openapi.json").json().at("/paths/~1metrics/get");

    assertThat(guarded.at("/security/0").has("bearer")).isTrue();
    assertThat(guarded.at("/responses/401").isMissingNode()).isFalse();
  }

  @Test
  void auto_opens_metrics_for_loopback_hosts_only() {
    for (String host : new String[] {"127.0.0.1", "127.0.0.2", "localhost", "::1", "[::1]"}) {
      assertThat(MetricsAccess.AUTO.needsKey(host)).as(host).isFalse();
    }
    for (String host : new String[] {"0.0.0.0", "::", "10.1.2.3", "192.168.0.7"}) {
      assertThat(MetricsAccess.AUTO.needsKey(host)).as(host).isTrue();
    }
    assertThat(MetricsAccess.OPEN.needsKey("0.0.0.0")).isFalse();
    assertThat(MetricsAccess.KEY.needsKey("127.0.0.1")).isTrue();
  }

  @Test
  void reads_the_setting_from_the_environment_and_names_the_accepted_values() {
    assertThat(MetricsAccess.fromEnvironment(Map.of())).isEqualTo(MetricsAccess.AUTO);
    assertThat(MetricsAccess.fromEnvironment(Map.of(MetricsAccess.ENV, " Key ")))
        .isEqualTo(MetricsAccess.KEY);
    assertThatThrownBy(() -> MetricsAccess.fromEnvironment(Map.of(MetricsAccess.ENV, "public")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("AISPINE_METRICS_AUTH must be one of auto, open, key, got 'public'");
  }

  private Api.Answer metricsOf(MetricsAccess access, String host, String key) {
    server =
        AispineServer.start(new ServerConfig(host, 0, dataDir, null).withMetricsAccess(access));
    return metrics(key);
  }

  private Api.Answer metrics(String key) {
    return new Api(server.port(), key).get("/metrics");
  }

  private String adminKey() {
    return server.adminKeyCreated().orElseThrow();
  }
}
