package io.aispine.server.internal.flows;

import io.aispine.store.StoredFlow;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The descriptions that flow lists show, read once per stored version: a version never changes, and
 * parsing and validating every flow again on each {@code GET /api/v1/flows} took most of a second
 * with a hundred large flows. Bounded, so that the store's size is not the heap's: the {@value
 * #MAX_VERSIONS} versions read last, descriptions of up to {@value #MAX_LENGTH} characters (a
 * longer one is read again each time).
 */
final class FlowDescriptions {

  static final int MAX_VERSIONS = 4096;
  static final int MAX_LENGTH = 1000;

  private final Map<String, Optional<String>> byVersion =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<String>> eldest) {
          return size() > MAX_VERSIONS;
        }
      };

  /** The description of a stored flow version, or null when it has none. */
  String of(StoredFlow stored) {
    String key = stored.id() + "@" + stored.version();
    synchronized (byVersion) {
      Optional<String> known = byVersion.get(key);
      if (known != null) {
        return known.orElse(null);
      }
    }
    String description = FlowRoutes.parseStored(stored).description();
    if (description == null || description.length() <= MAX_LENGTH) {
      synchronized (byVersion) {
        byVersion.put(key, Optional.ofNullable(description));
      }
    }
    return description;
  }
}
