package io.aispine.llm;

import io.aispine.llm.internal.AnthropicChat;
import io.aispine.llm.internal.OllamaChat;
import io.aispine.llm.internal.OpenAiChat;
import io.aispine.llm.internal.ProviderHttp;
import io.aispine.store.ModelProviders.Provider;
import java.util.HashMap;
import java.util.Map;

/** Builds the client that speaks a provider's protocol. */
public final class ChatClients {

  private ChatClients() {}

  /** A client for {@code provider}, authenticated with {@code apiKey} (null: none). */
  public static ChatClient of(Provider provider, String apiKey) {
    Map<String, String> headers = new HashMap<>();
    switch (provider.kind()) {
      case OPENAI -> {
        if (apiKey != null) {
          headers.put("Authorization", "Bearer " + apiKey);
        }
      }
      case ANTHROPIC -> {
        headers.put("anthropic-version", AnthropicChat.API_VERSION);
        if (apiKey != null) {
          headers.put("x-api-key", apiKey);
        }
      }
      case OLLAMA -> {
        if (apiKey != null) {
          headers.put("Authorization", "Bearer " + apiKey); // a proxy in front of Ollama
        }
      }
    }
    var http = new ProviderHttp(provider.name(), provider.baseUrl(), headers, provider.timeout());
    return switch (provider.kind()) {
      case OPENAI -> new OpenAiChat(http);
      case ANTHROPIC -> new AnthropicChat(http);
      case OLLAMA -> new OllamaChat(http);
    };
  }
}
