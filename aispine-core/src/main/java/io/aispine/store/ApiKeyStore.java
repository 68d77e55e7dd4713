package io.aispine.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** API keys, kept as hashes only. */
public interface ApiKeyStore {

  /**
   * Stores a new key.
   *
   * @throws StoreException when a key with that id or hash exists
   */
  void create(ApiKey key);

  /** The key whose SHA-256 is {@code sha256} (lower-case hex), if any. */
  Optional<ApiKey> findByHash(String sha256);

  /** How many keys exist; the server creates the admin key when there is none. */
  long count();

  /** Records that a key authenticated a request at {@code at}. */
  void touch(String id, Instant at);

  /** The keys of a workspace, oldest first (revoked ones included). */
  default List<ApiKey> list(String workspace) {
    throw new UnsupportedOperationException("this store cannot list keys");
  }

  /**
   * Revokes a key of a workspace.
   *
   * @return false when the workspace has no key with that id
   */
  default boolean revoke(String workspace, String id, Instant at) {
    throw new UnsupportedOperationException("this store cannot revoke keys");
  }
}
