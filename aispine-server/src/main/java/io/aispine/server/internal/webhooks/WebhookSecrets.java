package io.aispine.server.internal.webhooks;

import io.aispine.server.secrets.SecretVault;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The signing secrets of webhooks, kept encrypted in the secrets store under the reserved name
 * {@code webhook-signing:ID}, which no user can list, set or reference (user names match {@code
 * [A-Za-z_][A-Za-z0-9_]*}).
 */
public final class WebhookSecrets {

  private static final String PREFIX = "webhook-signing:";

  private final SecretVault vault;
  // decrypted once per webhook: every delivery needs its secret, and a secret never changes
  private final Map<String, String> cache = new ConcurrentHashMap<>();

  public WebhookSecrets(SecretVault vault) {
    this.vault = vault;
  }

  /** Creates and keeps a new secret for webhook {@code id}; returns it (to be shown once). */
  String create(String workspace, String id) {
    String secret = WebhookSignature.newSecret();
    vault.put(workspace, PREFIX + id, secret);
    cache.put(workspace + "/" + id, secret);
    return secret;
  }

  /** The secret of webhook {@code id}, or empty. */
  Optional<String> secret(String workspace, String id) {
    String key = workspace + "/" + id;
    String known = cache.get(key);
    if (known != null) {
      return Optional.of(known);
    }
    Optional<String> stored = vault.valueIn(workspace, PREFIX + id);
    stored.ifPresent(secret -> cache.put(key, secret));
    return stored;
  }

  /** Forgets the secret of a deleted webhook. */
  void delete(String workspace, String id) {
    cache.remove(workspace + "/" + id);
    vault.delete(workspace, PREFIX + id);
  }
}
