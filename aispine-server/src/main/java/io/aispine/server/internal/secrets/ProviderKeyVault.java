package io.aispine.server.internal.secrets;

import io.aispine.secret.SecretUnreadableException;
import io.aispine.server.secrets.SecretVault;
import io.aispine.store.ModelProviders;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's model providers, whose API keys live encrypted in the secrets store rather than in
 * the {@code model_providers} table: each under the reserved name {@code provider-key:NAME} of the
 * provider's workspace, which no user can list, set, delete or reference (user names match {@code
 * [A-Za-z_][A-Za-z0-9_]*}), and which {@code rotate} re-encrypts with every other secret. The
 * table's rows keep no key; whether a provider has one is read from the secrets store.
 */
public final class ProviderKeyVault implements ModelProviders {

  private static final Logger log = LoggerFactory.getLogger(ProviderKeyVault.class);
  private static final String PREFIX = "provider-key:";

  private final ModelProviders providers;
  private final SecretVault vault;

  private ProviderKeyVault(ModelProviders providers, SecretVault vault) {
    this.providers = providers;
    this.vault = vault;
  }

  /**
   * The providers over {@code providers}, after moving every plaintext key the table still holds
   * (from providers added before this store) into {@code vault} and erasing it from the table. A
   * crash in between is repaired on the next start: the plaintext is kept again, then erased.
   */
  public static ProviderKeyVault migrating(ModelProviders providers, SecretVault vault) {
    int moved = 0;
    for (Provider provider : providers.all()) {
      Optional<String> key = providers.apiKey(provider.workspaceId(), provider.name());
      if (key.isPresent()) {
        vault.put(provider.workspaceId(), secretName(provider.name()), key.get());
        providers.eraseApiKey(provider.workspaceId(), provider.name());
        moved++;
      }
    }
    if (moved > 0) {
      log.info(
          "moved the API keys of {} model providers into the encrypted secrets store and erased"
              + " their plain text",
          moved);
    }
    return new ProviderKeyVault(providers, vault);
  }

  /** The reserved name a provider's key is kept under. */
  static String secretName(String provider) {
    return PREFIX + provider;
  }

  /**
   * Keeps the key (if any) before the row, so that no crash leaves a provider without the key it
   * was given; the row never holds it.
   */
  @Override
  public void save(Provider provider, String apiKey) {
    if (apiKey != null) {
      vault.put(provider.workspaceId(), secretName(provider.name()), apiKey);
    }
    providers.save(provider, null);
  }

  @Override
  public Optional<Provider> find(String workspaceId, String name) {
    return providers.find(workspaceId, name).map(this::withKeyFlag);
  }

  @Override
  public List<Provider> list(String workspaceId) {
    return providers.list(workspaceId).stream().map(this::withKeyFlag).toList();
  }

  @Override
  public List<Provider> all() {
    return providers.all().stream().map(this::withKeyFlag).toList();
  }

  /**
   * The decrypted key; none when the keyset cannot open it, so that the call goes without one and
   * the provider's refusal names the problem, while the rest of the server keeps working.
   */
  @Override
  public Optional<String> apiKey(String workspaceId, String name) {
    try {
      return vault.valueIn(workspaceId, secretName(name));
    } catch (SecretUnreadableException e) {
      log.error(
          "the API key of model provider {} cannot be decrypted with this keyset, so its calls go"
              + " without one: restore the keyset, or set the key again with"
              + " `aispine provider add {} ... --api-key-env VAR`",
          name,
          name);
      return Optional.empty();
    }
  }

  @Override
  public boolean eraseApiKey(String workspaceId, String name) {
    return vault.delete(workspaceId, secretName(name));
  }

  @Override
  public boolean makeDefault(String workspaceId, String name) {
    return providers.makeDefault(workspaceId, name);
  }

  /**
   * Removes the key, then the provider, so that a crash in between leaves no key that a later
   * provider of the same name would inherit.
   */
  @Override
  public boolean delete(String workspaceId, String name) {
    vault.delete(workspaceId, secretName(name));
    return providers.delete(workspaceId, name);
  }

  private Provider withKeyFlag(Provider p) {
    return new Provider(
        p.workspaceId(),
        p.name(),
        p.kind(),
        p.baseUrl(),
        p.defaultModel(),
        p.timeout(),
        p.isDefault(),
        p.hasApiKey() || vault.has(p.workspaceId(), secretName(p.name())),
        p.createdAt());
  }
}
