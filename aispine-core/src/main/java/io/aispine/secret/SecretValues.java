package io.aispine.secret;

import java.util.Optional;

/**
 * Where the worker reads a secret's value when it calls an agent: the server's encrypted store, or
 * nothing for local runs.
 */
@FunctionalInterface
public interface SecretValues {

  /** No secrets at all: every reference fails its node with {@code SECRET_NOT_FOUND}. */
  SecretValues NONE = name -> Optional.empty();

  /**
   * The plaintext of secret {@code name}, or empty when there is none by that name.
   *
   * @throws SecretUnreadableException when the secret exists but cannot be decrypted
   */
  Optional<String> value(String name);

  /**
   * The plaintext of secret {@code name} for a call of execution {@code executionId}: the secret of
   * the execution's workspace. Stores without workspaces read {@link #value(String)}.
   *
   * @throws SecretUnreadableException when the secret exists but cannot be decrypted
   */
  default Optional<String> value(String executionId, String name) {
    return value(name);
  }

  /** How a user sets secret {@code name} where these values come from, for the error of a node. */
  default String howToSet(String name) {
    return "set it with 'aispine secrets set " + name + "' or PUT /api/v1/secrets/" + name;
  }
}
