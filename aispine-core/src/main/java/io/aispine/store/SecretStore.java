package io.aispine.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Encrypted secrets, by workspace and name. The store sees only ciphertext: encrypting and
 * decrypting is the caller's (the server's keyset), so a copy of the database alone reveals no
 * secret.
 */
public interface SecretStore {

  /** The workspace every secret lives in until workspaces exist. */
  String DEFAULT_WORKSPACE = "default";

  /**
   * One stored secret.
   *
   * @param workspace the workspace it belongs to
   * @param name its name
   * @param ciphertext the AEAD ciphertext of its value
   * @param keyId the id of the key that encrypted it
   * @param createdAt when it was first set
   * @param updatedAt when it was last set or re-encrypted
   */
  record Row(
      String workspace,
      String name,
      byte[] ciphertext,
      long keyId,
      Instant createdAt,
      Instant updatedAt) {

    public Row {
      Objects.requireNonNull(workspace, "workspace");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(ciphertext, "ciphertext");
      Objects.requireNonNull(createdAt, "createdAt");
      Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** This row with another ciphertext and key, re-encrypted at {@code at}. */
    public Row withCiphertext(byte[] ciphertext, long keyId, Instant at) {
      return new Row(workspace, name, ciphertext, keyId, createdAt, at);
    }
  }

  /** The secret, or empty. */
  Optional<Row> find(String workspace, String name);

  /** Every secret of a workspace, by name. */
  List<Row> list(String workspace);

  /**
   * Sets a secret (creating it or replacing its value; its creation time is kept).
   *
   * @return true when it was created, false when it replaced a value
   */
  boolean put(Row row);

  /** Deletes a secret; false when there was none. */
  boolean delete(String workspace, String name);

  /**
   * Re-encrypts every secret of every workspace in one transaction: {@code reencrypt} maps a row to
   * its new row; if it throws, nothing changes.
   *
   * @return how many secrets were re-encrypted
   */
  int reencryptAll(UnaryOperator<Row> reencrypt);
}
