package io.aispine.server.internal.channels;

import io.aispine.agents.channel.whatsapp.WhatsAppConfig;
import io.aispine.agents.channel.whatsapp.WhatsAppCredentials;
import io.aispine.secret.SecretUnreadableException;
import io.aispine.server.secrets.SecretVault;
import io.aispine.store.Workspace;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WhatsApp access token and app secret of a server: {@code ${secrets.NAME}} in {@code
 * AISPINE_WHATSAPP_ACCESS_TOKEN} or {@code AISPINE_WHATSAPP_APP_SECRET} names a secret of the
 * {@code default} workspace's vault, read at each use; a plain value still works, with a warning.
 */
public final class WhatsAppVaultCredentials {

  private static final Logger log = LoggerFactory.getLogger(WhatsAppVaultCredentials.class);

  private WhatsAppVaultCredentials() {}

  /** The credentials of {@code config}, its references read from {@code vault}. */
  public static WhatsAppCredentials of(WhatsAppConfig config, SecretVault vault) {
    warnIfPlain(WhatsAppConfig.ACCESS_TOKEN_ENV, config.accessToken());
    warnIfPlain(WhatsAppConfig.APP_SECRET_ENV, config.appSecret());
    return WhatsAppCredentials.from(config, name -> read(vault, name));
  }

  private static Optional<String> read(SecretVault vault, String name) {
    try {
      return vault.valueIn(Workspace.DEFAULT, name);
    } catch (SecretUnreadableException e) {
      log.error(
          "the WhatsApp secret {} cannot be decrypted with this keyset: restore the keyset, or"
              + " set the secret again with `aispine secrets set {}`",
          name,
          name);
      return Optional.empty();
    }
  }

  private static void warnIfPlain(String setting, String value) {
    if (value != null && WhatsAppCredentials.secretName(value).isEmpty()) {
      log.warn(
          "{} holds the secret itself: keep it in the vault (`aispine secrets set NAME`) and set"
              + " {}='${{secrets.NAME}}' (docs/kyc.md)",
          setting,
          setting);
    }
  }
}
