package io.aispine.server.secrets;

/** A rotation asked of a keyset that was given inline in the environment. */
public final class KeysetNotWritableException extends RuntimeException {

  KeysetNotWritableException() {
    super(
        SecretVault.KEYSET_ENV
            + " holds the keyset itself, so the server cannot save a rotated one: rotate it with"
            + " tinkey (add a key, promote it) and restart, or give the path of a keyset file"
            + " instead");
  }
}
