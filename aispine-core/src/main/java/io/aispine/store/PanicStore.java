package io.aispine.store;

import java.util.Optional;

/**
 * Keeps panic mode, so that it survives a restart. Server-wide for now; the workspace branch may
 * give each workspace its own switch under the same port.
 */
public interface PanicStore {

  /** The panic mode in force, or empty when the server runs normally. */
  Optional<PanicState> current();

  /** Switches panic mode on (replacing the reason of one already on) or, with null, off. */
  void set(PanicState state);
}
