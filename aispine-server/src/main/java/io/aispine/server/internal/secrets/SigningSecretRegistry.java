package io.aispine.server.internal.secrets;

import io.aispine.secret.SecretUnreadableException;
import io.aispine.server.secrets.SecretVault;
import io.aispine.store.AgentRegistry;
import io.aispine.store.RegisteredAgent;
import io.aispine.store.SecretStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's agent registry, whose signing secrets live encrypted in the secrets store rather
 * than in the {@code agents} table: each under the reserved name {@code
 * agent-signing:NAME@VERSION}, which no user can list, set, delete or reference (user names match
 * {@code [A-Za-z_][A-Za-z0-9_]*}), and which {@code rotate} re-encrypts with every other secret.
 * The registry's rows keep no secret; reading a version puts its secret back in for the caller.
 */
public final class SigningSecretRegistry implements AgentRegistry {

  private static final Logger log = LoggerFactory.getLogger(SigningSecretRegistry.class);
  private static final String PREFIX = "agent-signing:";

  private final AgentRegistry registry;
  private final SecretVault vault;

  private SigningSecretRegistry(AgentRegistry registry, SecretVault vault) {
    this.registry = registry;
    this.vault = vault;
  }

  /**
   * The registry over {@code registry}, after moving every plaintext secret it still holds (from
   * registrations made before this store) into {@code vault} and erasing it from the registry. A
   * crash in between is repaired on the next start: the plaintext is kept again, then erased.
   */
  public static SigningSecretRegistry migrating(AgentRegistry registry, SecretVault vault) {
    int moved = 0;
    for (RegisteredAgent agent : registry.all()) {
      if (agent.secret() != null) {
        vault.put(SecretStore.DEFAULT_WORKSPACE, secretName(agent), agent.secret());
        registry.eraseSecret(agent.name(), agent.version());
        moved++;
      }
    }
    if (moved > 0) {
      log.info(
          "moved the signing secrets of {} agent versions into the encrypted secrets store and"
              + " erased their plain text",
          moved);
    }
    return new SigningSecretRegistry(registry, vault);
  }

  /** The reserved name an agent version's signing secret is kept under. */
  static String secretName(RegisteredAgent agent) {
    return PREFIX + agent.key();
  }

  /**
   * Keeps the secret (if any) before the row, so that no crash leaves a signed agent registered
   * without its secret; a version that exists keeps its first secret, as it keeps its description,
   * unless that one can no longer be decrypted. Synchronized so that two first registrations of one
   * version cannot swap secrets.
   */
  @Override
  public synchronized RegisteredAgent register(RegisteredAgent agent) {
    boolean existed =
        registry.versions(agent.name()).stream()
            .anyMatch(stored -> stored.version().equals(agent.version()));
    boolean keep = agent.secret() != null && (!existed || unreadable(agent));
    if (keep) {
      vault.put(SecretStore.DEFAULT_WORKSPACE, secretName(agent), agent.secret());
    }
    try {
      return withSecret(registry.register(agent.withSecret(null)));
    } catch (RuntimeException e) {
      if (keep && !existed) {
        vault.delete(SecretStore.DEFAULT_WORKSPACE, secretName(agent));
      }
      throw e;
    }
  }

  @Override
  public List<RegisteredAgent> versions(String name) {
    return registry.versions(name).stream().map(this::withSecret).toList();
  }

  @Override
  public List<RegisteredAgent> all() {
    return registry.all().stream().map(this::withSecret).toList();
  }

  @Override
  public Optional<RegisteredAgent> deprecate(
      String name, String version, String reason, Instant at) {
    return registry.deprecate(name, version, reason, at).map(this::withSecret);
  }

  @Override
  public Optional<RegisteredAgent> undeprecate(String name, String version) {
    return registry.undeprecate(name, version).map(this::withSecret);
  }

  @Override
  public boolean eraseSecret(String name, String version) {
    return registry.eraseSecret(name, version);
  }

  /**
   * The version with its signing secret; without one when the keyset cannot open it, so that its
   * calls go unsigned and an agent that checks signatures refuses them, while the rest of the
   * server keeps working.
   */
  private RegisteredAgent withSecret(RegisteredAgent agent) {
    try {
      return agent.withSecret(vault.value(secretName(agent)).orElse(null));
    } catch (SecretUnreadableException e) {
      log.error(
          "the signing secret of agent {} cannot be decrypted with this keyset, so its calls go"
              + " unsigned: restore the keyset, or register {} again with its secret and restart",
          agent.key(),
          agent.key());
      return agent.withSecret(null);
    }
  }

  private boolean unreadable(RegisteredAgent agent) {
    try {
      vault.value(secretName(agent));
      return false;
    } catch (SecretUnreadableException e) {
      return true;
    }
  }
}
