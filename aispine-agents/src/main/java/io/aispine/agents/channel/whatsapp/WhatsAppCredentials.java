package io.aispine.agents.channel.whatsapp;

import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the channel reads its two secrets each time it uses them: the access token of its calls to
 * the Graph API and the app secret that signs webhook deliveries. A configured value of the form
 * {@code ${secrets.NAME}} names a secret of the server's vault (read at each use, so a secret set
 * or rotated later takes effect without a restart); any other value is the secret itself.
 */
public final class WhatsAppCredentials {

  private static final Pattern REFERENCE =
      Pattern.compile("\\$\\{\\s*secrets\\.([A-Za-z_][A-Za-z0-9_]*)\\s*}");

  private final WhatsAppConfig config;
  private final Function<String, Optional<String>> vault;

  private WhatsAppCredentials(WhatsAppConfig config, Function<String, Optional<String>> vault) {
    this.config = config;
    this.vault = vault;
  }

  /** The values as configured: a {@code ${secrets.NAME}} there resolves to nothing. */
  public static WhatsAppCredentials plain(WhatsAppConfig config) {
    return new WhatsAppCredentials(config, name -> Optional.empty());
  }

  /** {@code ${secrets.NAME}} values read through {@code vault} (secret name to value). */
  public static WhatsAppCredentials from(
      WhatsAppConfig config, Function<String, Optional<String>> vault) {
    return new WhatsAppCredentials(config, vault);
  }

  /** The name of the vault secret {@code value} refers to, if it is a {@code ${secrets.NAME}}. */
  public static Optional<String> secretName(String value) {
    if (value == null) {
      return Optional.empty();
    }
    Matcher m = REFERENCE.matcher(value.strip());
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** The access token, if available. */
  public Optional<String> accessToken() {
    return resolve(config.accessToken());
  }

  /** The app secret, if available. */
  public Optional<String> appSecret() {
    return resolve(config.appSecret());
  }

  /** Why {@code setting} (its environment variable) has no value now, and how to give it one. */
  String missing(String setting, String configured) {
    return secretName(configured)
        .map(
            name ->
                setting
                    + " names the vault secret "
                    + name
                    + ", which workspace default does not hold (or cannot decrypt): set it with"
                    + " `aispine secrets set "
                    + name
                    + "` or PUT /api/v1/secrets/"
                    + name
                    + " (docs/kyc.md)")
        .orElse(setting + " is not set");
  }

  private Optional<String> resolve(String configured) {
    if (configured == null) {
      return Optional.empty();
    }
    Optional<String> name = secretName(configured);
    return name.isPresent() ? vault.apply(name.get()) : Optional.of(configured);
  }
}
