package io.aispine.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The model providers of each workspace (OpenAI-compatible servers, Ollama, Anthropic …). An API
 * key is write-only: it is stored with {@link #save} and read back only by {@link #apiKey}, which
 * the {@code llm} agent calls to authenticate; no view of a provider carries it.
 */
public interface ModelProviders {

  /** The wire protocols a provider may speak. */
  enum Kind {
    /** {@code POST /chat/completions} (OpenAI, LM Studio, vLLM, Ollama's {@code /v1} …). */
    OPENAI,
    /** Ollama's native {@code POST /api/chat}. */
    OLLAMA,
    /** Anthropic's {@code POST /v1/messages}. */
    ANTHROPIC
  }

  /**
   * A provider as stored, without its key.
   *
   * @param workspaceId the workspace it belongs to ({@code default} until workspaces land)
   * @param defaultModel the model a call uses when it names none, or null
   * @param timeout how long one call may take
   * @param hasApiKey whether a key is stored (the key itself is never part of this record)
   */
  record Provider(
      String workspaceId,
      String name,
      Kind kind,
      String baseUrl,
      String defaultModel,
      Duration timeout,
      boolean isDefault,
      boolean hasApiKey,
      Instant createdAt) {
    public Provider {
      Objects.requireNonNull(workspaceId, "workspaceId");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(baseUrl, "baseUrl");
      Objects.requireNonNull(timeout, "timeout");
    }
  }

  /**
   * Stores {@code provider}, replacing one of the same workspace and name; {@code apiKey} null
   * keeps the key stored before (if any), so that changing a URL does not need the key again.
   */
  void save(Provider provider, String apiKey);

  /** The provider {@code name} of {@code workspaceId}. */
  Optional<Provider> find(String workspaceId, String name);

  /** The providers of a workspace, by name. */
  List<Provider> list(String workspaceId);

  /** The stored key of a provider: for the agent that calls it, never for a view. */
  Optional<String> apiKey(String workspaceId, String name);

  /**
   * The providers of every workspace, by workspace and name: for moving their keys into the
   * encrypted secrets store at start.
   */
  List<Provider> all();

  /** Erases the stored key of a provider (kept elsewhere now); false when there was none. */
  boolean eraseApiKey(String workspaceId, String name);

  /** Makes {@code name} the workspace's default provider; false when there is no such provider. */
  boolean makeDefault(String workspaceId, String name);

  /** Removes a provider; false when there was none. */
  boolean delete(String workspaceId, String name);
}
