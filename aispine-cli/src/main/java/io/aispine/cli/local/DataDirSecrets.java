package io.aispine.cli.local;

import io.aispine.cli.command.CliException;
import io.aispine.cli.command.ExitCodes;
import io.aispine.secret.SecretValues;
import io.aispine.server.secrets.SecretVault;
import io.aispine.store.Store;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Optional;

/**
 * The secrets of a local run: those a server set on the same store, decrypted with the keyset it
 * keeps in the data directory (or the one {@code AISPINE_SECRETS_KEYSET} gives). Without a keyset
 * there are none, and a node that uses one fails naming the secret and how to set it.
 */
final class DataDirSecrets implements SecretValues {

  private final Optional<SecretVault> vault;
  private final Path dir;

  private DataDirSecrets(Optional<SecretVault> vault, Path dir) {
    this.vault = vault;
    this.dir = dir;
  }

  /**
   * The secrets of {@code store}, with the keyset of {@code dir}.
   *
   * @throws CliException (environment) when a keyset is there but cannot be read
   */
  static DataDirSecrets open(Store store, Path dir) {
    try {
      return new DataDirSecrets(
          SecretVault.openExisting(
              store.secrets(), InstantSource.system(), System.getenv(SecretVault.KEYSET_ENV), dir),
          dir);
    } catch (IllegalStateException e) {
      throw new CliException(ExitCodes.ENVIRONMENT, e.getMessage());
    }
  }

  @Override
  public Optional<String> value(String name) {
    return vault.flatMap(v -> v.value(name));
  }

  @Override
  public String howToSet(String name) {
    String where = dir.toAbsolutePath().normalize().toString();
    return (vault.isPresent()
            ? "a local run reads the secrets of its data dir " + where
            : "the data dir " + where + " has no secrets keyset, so no secrets")
        + ": start 'aispine server --data-dir "
        + where
        + "', run 'aispine secrets set "
        + name
        + "' against it, stop the server and run again with --data-dir "
        + where;
  }
}
