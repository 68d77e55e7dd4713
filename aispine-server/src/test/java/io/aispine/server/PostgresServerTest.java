package io.aispine.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The core flows on PostgreSQL: deploy, start, list, stream and resume, across a restart. */
class PostgresServerTest extends ServerTestBase {

  private static EmbeddedPostgres postgres;
  private static String url;

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE aispine_server");
    }
    url = postgres.getJdbcUrl("postgres", "aispine_server");
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    postgres.close();
  }

  @Override
  protected ServerConfig config() {
    // the key file goes to the data dir even with a database URL
    return new ServerConfig("127.0.0.1", 0, dataDir, url);
  }

  @Test
  void runs_lists_and_streams_executions_on_postgresql_across_a_restart() throws Exception {
    assertThat(api.deploy(HELLO).status()).isEqualTo(201);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(api.start("hello", "{\"name\": \"pg" + i + "\"}"));
    }
    ids.forEach(api::awaitFinished);

    restart();

    JsonNode page = api.get("/api/v1/executions?limit=2").json();
    assertThat(page.get("items").findValuesAsText("id")).containsExactly(ids.get(2), ids.get(1));
    JsonNode next =
        api.get("/api/v1/executions?limit=2&cursor=" + page.get("next_cursor").asText()).json();
    assertThat(next.get("items").findValuesAsText("id")).containsExactly(ids.get(0));

    try (var stream = SseReader.open(api, "/api/v1/events/stream", "0")) {
      List<String> seen = new ArrayList<>();
      int total = 0;
      for (String id : ids) {
        total += api.get("/api/v1/executions/" + id + "/events").json().get("items").size();
      }
      for (int i = 0; i < total; i++) {
        seen.add(stream.next().data().get("id").asText());
      }
      assertThat(seen).doesNotHaveDuplicates().hasSize(total);
    }
    assertThat(api.get("/ready").status()).isEqualTo(200);
  }
}
