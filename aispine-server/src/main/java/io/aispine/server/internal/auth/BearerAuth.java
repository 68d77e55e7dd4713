package io.aispine.server.internal.auth;

import io.aispine.api.Problem;
import io.aispine.server.internal.http.ProblemException;
import io.aispine.store.ApiKey;
import io.aispine.store.ApiKeyStore;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks {@code Authorization: Bearer <api key>} on every API request: the key's SHA-256 must
 * belong to a stored key. The key itself is never logged or echoed.
 */
public final class BearerAuth implements Handler {

  /** The request attribute holding the authenticated {@link ApiKey}. */
  public static final String KEY_ATTRIBUTE = "aispine.apiKey";

  /** The {@code WWW-Authenticate} challenge sent with every 401. */
  public static final String CHALLENGE = "Bearer realm=\"aispine\"";

  // Recording every use would put a write on each request; once a minute per key is plenty.
  private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

  private final ApiKeyStore keys;
  private final InstantSource clock;
  private final Map<String, Instant> lastTouched = new ConcurrentHashMap<>();

  public BearerAuth(ApiKeyStore keys, InstantSource clock) {
    this.keys = keys;
    this.clock = clock;
  }

  @Override
  public void handle(Context ctx) {
    try {
      ctx.attribute(KEY_ATTRIBUTE, authenticate(ctx.header("Authorization")));
    } catch (ProblemException e) {
      ctx.header("WWW-Authenticate", CHALLENGE);
      throw e;
    }
  }

  /**
   * The live key that the {@code Authorization} header value names; the same check for every door
   * into the server (the API here, the MCP endpoint through its servlet filter).
   *
   * @throws ProblemException a 401 naming what is wrong with the header or the key
   */
  public ApiKey authenticate(String header) {
    if (header == null || header.isBlank()) {
      throw unauthorized("send the API key as 'Authorization: Bearer <api key>'");
    }
    String[] parts = header.strip().split("\\s+", 2);
    if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer") || parts[1].isBlank()) {
      throw unauthorized("the Authorization header must be 'Bearer <api key>'");
    }
    byte[] digest = ApiKeyText.digest(parts[1].strip());
    Optional<ApiKey> found = keys.findByHash(HexFormat.of().formatHex(digest));
    // The lookup is by hash, so its timing says nothing about the key; the final comparison is
    // constant-time anyway, so that no code path compares secrets byte by byte.
    if (found.isEmpty()
        || !MessageDigest.isEqual(digest, HexFormat.of().parseHex(found.get().sha256()))) {
      throw unauthorized("the API key is not known to this server");
    }
    ApiKey key = found.get();
    if (!key.activeAt(clock.instant())) {
      // one answer for revoked and expired keys: both are dead, and the owner of the key knows why
      throw unauthorized(
          "API key "
              + key.id()
              + " was revoked or has expired; ask an admin of workspace '"
              + key.workspace()
              + "' for a new one (aispine keys create)");
    }
    touch(key);
    return key;
  }

  private void touch(ApiKey key) {
    Instant now = clock.instant();
    Instant last = lastTouched.get(key.id());
    if (last == null || now.isAfter(last.plus(TOUCH_EVERY))) {
      lastTouched.put(key.id(), now);
      keys.touch(key.id(), now);
    }
  }

  private static ProblemException unauthorized(String detail) {
    return new ProblemException(Problem.unauthorized(detail));
  }
}
