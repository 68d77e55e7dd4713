package io.aispine.server.secrets;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.aispine.secret.SecretUnreadableException;
import io.aispine.secret.SecretValues;
import io.aispine.store.SecretStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.InstantSource;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encrypts secrets with a Tink AES-256-GCM keyset before they reach the store, decrypts them for
 * agent calls and rotates the keyset. The associated data of each ciphertext is the secret's
 * workspace and name, so a row copied under another name does not decrypt.
 */
public final class SecretVault implements SecretValues {

  private static final Logger log = LoggerFactory.getLogger(SecretVault.class);

  /** The environment variable holding the keyset: its JSON, or the path of a file with it. */
  public static final String KEYSET_ENV = "AISPINE_SECRETS_KEYSET";

  /** The keyset file's name in the data directory when the environment gives none. */
  public static final String FILE_NAME = "secrets.keyset.json";

  static {
    try {
      AeadConfig.register();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final SecretStore store;
  private final InstantSource clock;
  private final Path file; // null when the keyset was given inline and cannot be rewritten
  private volatile KeysetHandle keyset;
  private volatile java.util.function.Function<String, String> workspaceOf;

  private SecretVault(SecretStore store, InstantSource clock, Path file, KeysetHandle keyset) {
    this.store = store;
    this.clock = clock;
    this.file = file;
    this.keyset = keyset;
  }

  /**
   * The vault of a server: the keyset from {@value #KEYSET_ENV} (inline JSON, or a path), else
   * {@code keyDir/}{@value #FILE_NAME}, created with mode 600 on first start.
   *
   * @param setting the value of {@value #KEYSET_ENV}, or null
   * @throws IllegalStateException naming the source when the keyset cannot be read
   */
  public static SecretVault open(SecretStore store, InstantSource clock, String setting, Path dir) {
    if (setting != null && setting.strip().startsWith("{")) {
      return new SecretVault(store, clock, null, parse(setting, KEYSET_ENV + " (inline JSON)"));
    }
    Path file =
        setting != null && !setting.isBlank()
            ? Path.of(setting.strip())
            : dir.resolve(FILE_NAME).toAbsolutePath().normalize();
    if (Files.exists(file)) {
      try {
        return new SecretVault(
            store, clock, file, parse(Files.readString(file, StandardCharsets.UTF_8), "" + file));
      } catch (IOException e) {
        throw new IllegalStateException(
            "cannot read the secrets keyset " + file + ": " + e.getMessage(), e);
      }
    }
    if (setting != null && !setting.isBlank()) {
      throw new IllegalStateException(
          KEYSET_ENV
              + " names "
              + file
              + ", which does not exist: give the path of a Tink JSON keyset, the keyset's JSON"
              + " itself, or unset it to keep the keyset in the data directory");
    }
    try {
      KeysetHandle created = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
      OwnerOnlyFile.write(file, serialize(created));
      log.info("created the secrets keyset {} (mode 600); back it up with the store", file);
      return new SecretVault(store, clock, file, created);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot create a secrets keyset: " + e.getMessage(), e);
    }
  }

  /**
   * The vault of a local run on the same data directory: the keyset a server keeps there (or the
   * one {@value #KEYSET_ENV} names), never a new one; empty when there is none, since then no
   * secret can have been set.
   *
   * @param setting the value of {@value #KEYSET_ENV}, or null
   * @throws IllegalStateException naming the source when the keyset cannot be read
   */
  public static Optional<SecretVault> openExisting(
      SecretStore store, InstantSource clock, String setting, Path dir) {
    boolean given = setting != null && !setting.isBlank();
    if (!given && !Files.exists(dir.resolve(FILE_NAME))) {
      return Optional.empty();
    }
    return Optional.of(open(store, clock, setting, dir));
  }

  private static KeysetHandle parse(String json, String source) {
    try {
      return TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
    } catch (GeneralSecurityException | RuntimeException e) {
      // the message of a parse error may quote key material: name the source only
      throw new IllegalStateException(
          "the secrets keyset in "
              + source
              + " is not a Tink JSON keyset ("
              + e.getClass().getSimpleName()
              + "); give one made by this server or by tinkey");
    }
  }

  private static String serialize(KeysetHandle keyset) throws GeneralSecurityException {
    return TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
  }

  /** The id of the key new values are encrypted with. */
  public long primaryKeyId() {
    return Integer.toUnsignedLong(keyset.getPrimary().getId());
  }

  /** Where the keyset is kept, or empty when it was given inline. */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /**
   * Encrypts and stores a secret.
   *
   * @return true when it was created, false when its value was replaced
   */
  public boolean put(String workspace, String name, String value) {
    var now = clock.instant();
    KeysetHandle current = keyset;
    byte[] ciphertext = encrypt(current, workspace, name, value);
    var existing = store.find(workspace, name);
    var createdAt = existing.map(SecretStore.Row::createdAt).orElse(now);
    long keyId = Integer.toUnsignedLong(current.getPrimary().getId());
    return store.put(new SecretStore.Row(workspace, name, ciphertext, keyId, createdAt, now));
  }

  /** Deletes a secret; false when there was none. */
  public boolean delete(String workspace, String name) {
    return store.delete(workspace, name);
  }

  @Override
  public Optional<String> value(String name) {
    return valueIn(SecretStore.DEFAULT_WORKSPACE, name);
  }

  /** The secret of the workspace that owns the execution: a workspace never reads another's. */
  @Override
  public Optional<String> value(String executionId, String name) {
    if (workspaceOf == null) {
      return value(name);
    }
    return valueIn(workspaceOf.apply(executionId), name);
  }

  /** Tells the vault which workspace an execution belongs to (the server sets it once). */
  public void workspaceOf(java.util.function.Function<String, String> workspaceOf) {
    this.workspaceOf = workspaceOf;
  }

  private Optional<String> valueIn(String workspace, String name) {
    return store
        .find(workspace, name)
        .map(row -> decrypt(keyset, row.workspace(), row.name(), row.ciphertext()));
  }

  /**
   * Adds a new primary key (kept in the keyset file before anything is re-encrypted, so a crash in
   * between leaves every secret readable) and re-encrypts every secret under it in one transaction.
   *
   * @return how many secrets were re-encrypted
   * @throws KeysetNotWritableException when the keyset was given inline and cannot be rewritten
   */
  public synchronized Rotation rotate() {
    if (file == null) {
      throw new KeysetNotWritableException();
    }
    KeysetHandle rotated;
    try {
      rotated =
          KeysetHandle.newBuilder(keyset)
              .addEntry(
                  KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                      .withRandomId()
                      .makePrimary())
              .build();
      OwnerOnlyFile.write(file, serialize(rotated));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot rotate the secrets keyset: " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw new IllegalStateException(
          "cannot write the rotated secrets keyset to " + file + ": " + e.getMessage(), e);
    }
    KeysetHandle old = keyset;
    keyset = rotated;
    long keyId = primaryKeyId();
    var now = clock.instant();
    int count =
        store.reencryptAll(
            row -> {
              String value = decrypt(old, row.workspace(), row.name(), row.ciphertext());
              return row.withCiphertext(
                  encrypt(rotated, row.workspace(), row.name(), value), keyId, now);
            });
    log.info(
        "rotated the secrets keyset: new primary key {}, {} secrets re-encrypted", keyId, count);
    return new Rotation(keyId, count);
  }

  /** The outcome of a rotation: the new primary key and how many secrets it re-encrypted. */
  public record Rotation(long keyId, int reencrypted) {}

  private static byte[] encrypt(KeysetHandle keyset, String workspace, String name, String value) {
    try {
      return aead(keyset)
          .encrypt(value.getBytes(StandardCharsets.UTF_8), associatedData(workspace, name));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encrypt secret '" + name + "': " + e.getMessage());
    }
  }

  private static String decrypt(
      KeysetHandle keyset, String workspace, String name, byte[] ciphertext) {
    try {
      return new String(
          aead(keyset).decrypt(ciphertext, associatedData(workspace, name)),
          StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new SecretUnreadableException(name, "no key of the keyset opens it");
    }
  }

  private static Aead aead(KeysetHandle keyset) throws GeneralSecurityException {
    return keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
  }

  /** What binds a ciphertext to its row: the workspace and the name. */
  private static byte[] associatedData(String workspace, String name) {
    return ("aispine-secret:" + workspace + "/" + name).getBytes(StandardCharsets.UTF_8);
  }
}
