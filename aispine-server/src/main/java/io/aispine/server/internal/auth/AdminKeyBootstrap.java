package io.aispine.server.internal.auth;

import com.github.f4b6a3.ulid.UlidCreator;
import io.aispine.server.secrets.OwnerOnlyFile;
import io.aispine.store.ApiKey;
import io.aispine.store.ApiKeyStore;
import io.aispine.store.Workspace;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Optional;

/**
 * Creates the admin key (role {@code owner}: the server's owner, admin of the default workspace) on
 * a store that has no key yet: the key goes to a file readable only by its owner, and only its
 * SHA-256 goes to the store.
 */
public final class AdminKeyBootstrap {

  /** The key file's name inside its directory. */
  public static final String FILE_NAME = "admin.key";

  private AdminKeyBootstrap() {}

  /**
   * The new admin key, or empty when the store already has keys.
   *
   * @param keyDir where to write {@value #FILE_NAME}
   */
  public static Optional<String> createIfNone(ApiKeyStore keys, Path keyDir, InstantSource clock) {
    if (keys.count() > 0) {
      return Optional.empty();
    }
    String key = ApiKeyText.generate();
    // The file first: a key whose hash is stored but whose text was never saved would lock the
    // admin out for good, whereas a file without a stored hash is simply replaced next start.
    OwnerOnlyFile.write(keyDir.resolve(FILE_NAME), key + "\n");
    String id = "key_" + UlidCreator.getMonotonicUlid().toString().toLowerCase(Locale.ROOT);
    // the server's owner, acting in the default workspace (where it is everything an admin is)
    keys.create(
        new ApiKey(
            id,
            Workspace.DEFAULT,
            "admin",
            "owner",
            ApiKeyText.sha256(key),
            key.substring(0, KeyRoutes.PREFIX_LENGTH),
            new ApiKey.Times(clock.instant(), null, null, null)));
    return Optional.of(key);
  }
}
