package io.aispine.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A test client for a running server: the JDK HttpClient, the admin key, JSON answers. */
final class Api {

  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final String base;
  private final String key;

  Api(int port, String key) {
    this.base = "http://127.0.0.1:" + port;
    this.key = key;
  }

  String base() {
    return base;
  }

  /** The API key this client sends. */
  String key() {
    return key;
  }

  /** A request builder for {@code path} with the key and a 10 s timeout. */
  HttpRequest.Builder request(String path) {
    var builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
    return key == null ? builder : builder.header("Authorization", "Bearer " + key);
  }

  Answer get(String path) {
    return send(request(path).GET().build());
  }

  Answer postJson(String path, String json) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  Answer postYaml(String path, String yaml) {
    return send(
        request(path)
            .header("Content-Type", "application/yaml")
            .POST(HttpRequest.BodyPublishers.ofString(yaml))
            .build());
  }

  Answer putJson(String path, String json) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  Answer post(String path) {
    return send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build());
  }

  /**
   * Deploys and approves in one step ({@code ?approve=true}), as the author of a local development
   * server may: the shared fixture for tests that deploy in order to run. Tests of the gate itself
   * deploy drafts with {@link #deployDraft}.
   */
  Answer deploy(String yaml) {
    return postYaml("/api/v1/flows?approve=true", yaml);
  }

  /** Deploys a draft, which cannot run until approved. */
  Answer deployDraft(String yaml) {
    return postYaml("/api/v1/flows", yaml);
  }

  /** Starts an execution of {@code flow} and returns its id. */
  String start(String flow, String inputsJson) {
    Answer answer =
        postJson("/api/v1/flows/" + flow + "/executions", "{\"inputs\": " + inputsJson + "}");
    if (answer.status() != 202) {
      throw new AssertionError("start answered " + answer.status() + ": " + answer.body());
    }
    return answer.json().get("id").asText();
  }

  /** Polls until the execution is no longer running; returns it. */
  JsonNode awaitFinished(String id) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode execution = get("/api/v1/executions/" + id).json();
      if (!execution.get("status").asText().equals("running")) {
        return execution;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("execution " + id + " still running after 20 s");
  }

  static Answer send(HttpRequest request) {
    try {
      HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** An HTTP answer. */
  record Answer(HttpResponse<String> response) {
    int status() {
      return response.statusCode();
    }

    String body() {
      return response.body();
    }

    String contentType() {
      return response.headers().firstValue("Content-Type").orElse("");
    }

    String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }

    JsonNode json() {
      try {
        return JSON.readTree(response.body());
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + response.body(), e);
      }
    }

    @Override
    public String toString() {
      return status() + " " + body();
    }
  }
}
