package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aispine.agents.channel.whatsapp.WhatsAppConfig;
import io.aispine.standin.whatsapp.GraphApiStandIn;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The WhatsApp access token and app secret kept in the server's vault: the configuration names them
 * ({@code ${secrets.NAME}}), and the channel reads them at each use.
 */
class WhatsAppVaultCredentialsTest extends ServerTestBase {

  private static final String PHONE_NUMBER_ID = "106540352242777";
  private static final String TOKEN = "EAAJB-vault-held-token";
  private static final String APP_SECRET = "vault-held-app-secret";

  private static final String ECHO =
      """
      id: vault-echo
      version: 1.0.0
      inputs:
        phone: {type: string, required: true}
        text: {type: string, default: ""}
      nodes:
        - id: reply
          agent: whatsapp
          with: {to: "${inputs.phone}", text: "you said ${inputs.text}"}
      """;

  private static GraphApiStandIn graph;

  @BeforeAll
  static void startGraphApi() {
    graph = GraphApiStandIn.start(PHONE_NUMBER_ID, TOKEN, APP_SECRET);
  }

  @AfterAll
  static void stopGraphApi() {
    graph.close();
  }

  @Override
  protected ServerConfig config() {
    return super.config()
        .withWhatsApp(
            new WhatsAppConfig(
                graph.baseUrl(),
                null,
                PHONE_NUMBER_ID,
                "${secrets.WHATSAPP_ACCESS_TOKEN}",
                "${secrets.WHATSAPP_APP_SECRET}",
                "verify",
                "vault-echo",
                dataDir.resolve("media")));
  }

  @BeforeEach
  void deployAndPointTheWebhook() {
    graph.webhook(URI.create("http://127.0.0.1:" + server.port() + "/webhooks/whatsapp"));
    assertThat(api.deploy(ECHO).status()).isEqualTo(201);
  }

  @Test
  void deliveries_are_refused_until_the_vault_holds_the_app_secret_then_replies_use_its_token()
      throws Exception {
    String guest = "34622000111";

    GraphApiStandIn.Delivered early = graph.sendText(guest, "Guest", "hello");

    assertThat(early.status()).isEqualTo(401);
    assertThat(early.body())
        .contains("WHATSAPP_APP_SECRET")
        .contains("aispine secrets set WHATSAPP_APP_SECRET")
        .doesNotContain(APP_SECRET);

    assertThat(putSecret("WHATSAPP_APP_SECRET", APP_SECRET)).isEqualTo(201);
    assertThat(putSecret("WHATSAPP_ACCESS_TOKEN", TOKEN)).isEqualTo(201);
    GraphApiStandIn.Delivered later = graph.sendText(guest, "Guest", "hello again");

    assertThat(later.status()).as(later.body()).isEqualTo(200);
    // the stand-in answers 401 to any other bearer token: the reply went out with the vault's
    await().atMost(Duration.ofSeconds(20)).until(() -> graph.sentTo(guest).size() == 1);
    assertThat(graph.sentTo(guest).getFirst().text()).isEqualTo("you said hello again");
  }

  private int putSecret(String name, String value) {
    return api.putJson("/api/v1/secrets/" + name, "{\"value\": \"" + value + "\"}").status();
  }
}
