package io.aispine.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.aispine.api.BudgetRequest;
import io.aispine.api.ProviderRequest;
import io.aispine.llm.standin.StandInLlm;
import io.aispine.server.AispineServer;
import io.aispine.server.ServerConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Providers, costs and budgets through the client, against a real server and model stand-in. */
class AispineClientLlmTest {

  @TempDir Path dataDir;
  private AispineServer server;
  private AispineClient client;
  private StandInLlm standIn;

  @BeforeEach
  void start() {
    standIn = StandInLlm.start();
    server = AispineServer.start(new ServerConfig("127.0.0.1", 0, dataDir, null));
    client =
        AispineClient.builder()
            .baseUrl("http://127.0.0.1:" + server.port())
            .token(server.adminKeyCreated().orElseThrow())
            .build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
    standIn.close();
  }

  @Test
  void adds_tests_and_lists_providers_and_sets_budgets_and_reads_costs() {
    var added =
        client.putProvider(
            "local", new ProviderRequest("ollama", standIn.url(), "llama3", "sk-1", 10, null));
    client.putProvider(
        "other", new ProviderRequest("anthropic", standIn.url(), null, null, null, null));

    assertThat(added.hasApiKey()).isTrue();
    assertThat(client.testProvider("local").status()).isEqualTo("ok");
    assertThat(client.makeDefaultProvider("other").isDefault()).isTrue();
    assertThat(client.listProviders())
        .extracting(p -> p.name() + ":" + p.isDefault() + ":" + p.timeoutSeconds())
        .containsExactly("local:false:10", "other:true:30");
    assertThat(client.setBudget(new BudgetRequest(null, "monthly", 20, "hold")).policy())
        .isEqualTo("hold");
    assertThat(client.listBudgets()).hasSize(1);
    assertThat(client.costs("day", null, null).items()).isEmpty();
  }
}
