package io.aispine.secret;

/** A stored secret that cannot be decrypted (wrong keyset, tampered or swapped row). */
public final class SecretUnreadableException extends RuntimeException {

  /** A failure to decrypt secret {@code name}; the message never holds key material. */
  public SecretUnreadableException(String name, String why) {
    super(
        "secret '"
            + name
            + "' cannot be decrypted ("
            + why
            + "): the keyset does not match the one it was stored with, or its row was changed;"
            + " set the secret again");
  }
}
