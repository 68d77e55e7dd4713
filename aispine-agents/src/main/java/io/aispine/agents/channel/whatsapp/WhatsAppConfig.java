package io.aispine.agents.channel.whatsapp;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * How AI Spine reaches one WhatsApp business number through the Cloud API. Setting the phone-number
 * id, the access token and the app secret connects a real number; the base URL points elsewhere
 * only for the stand-in Graph API of tests and the demo.
 *
 * <p>The access token and the app secret are secrets: {@link #toString()} never shows them, and
 * nothing logs or returns them.
 *
 * @param baseUrl the Graph API ({@code https://graph.facebook.com})
 * @param apiVersion the Graph API version in request paths ({@code v21.0})
 * @param phoneNumberId the business phone number's id (not the number itself)
 * @param accessToken a system-user access token with {@code whatsapp_business_messaging}
 * @param appSecret the Meta app's secret, which signs webhook deliveries
 * @param verifyToken what the webhook's {@code GET} verification must present ({@code
 *     hub.verify_token}), chosen by whoever subscribes the webhook
 * @param flow the flow an inbound message starts when its sender is not waited for, or null for
 *     none (the server then only records messages)
 * @param mediaDir where downloaded media are written
 */
public record WhatsAppConfig(
    URI baseUrl,
    String apiVersion,
    String phoneNumberId,
    String accessToken,
    String appSecret,
    String verifyToken,
    String flow,
    Path mediaDir) {

  /** Meta's Graph API. */
  public static final URI GRAPH_API = URI.create("https://graph.facebook.com");

  /** The Graph API version used when none is configured. */
  public static final String DEFAULT_API_VERSION = "v21.0";

  /** The environment variables, by what they configure. */
  public static final String BASE_URL_ENV = "AISPINE_WHATSAPP_BASE_URL";

  public static final String API_VERSION_ENV = "AISPINE_WHATSAPP_API_VERSION";
  public static final String PHONE_NUMBER_ID_ENV = "AISPINE_WHATSAPP_PHONE_NUMBER_ID";
  public static final String ACCESS_TOKEN_ENV = "AISPINE_WHATSAPP_ACCESS_TOKEN";
  public static final String APP_SECRET_ENV = "AISPINE_WHATSAPP_APP_SECRET";
  public static final String VERIFY_TOKEN_ENV = "AISPINE_WHATSAPP_VERIFY_TOKEN";
  public static final String FLOW_ENV = "AISPINE_WHATSAPP_FLOW";
  public static final String MEDIA_DIR_ENV = "AISPINE_WHATSAPP_MEDIA_DIR";

  public WhatsAppConfig {
    baseUrl = baseUrl == null ? GRAPH_API : baseUrl;
    apiVersion = blankToNull(apiVersion) == null ? DEFAULT_API_VERSION : apiVersion.strip();
    phoneNumberId = blankToNull(phoneNumberId);
    accessToken = blankToNull(accessToken);
    appSecret = blankToNull(appSecret);
    verifyToken = blankToNull(verifyToken);
    flow = blankToNull(flow);
    mediaDir =
        mediaDir == null
            ? Path.of(System.getProperty("java.io.tmpdir"), "aispine-whatsapp-media")
            : mediaDir;
  }

  /** No number configured: the channel is off. */
  public static WhatsAppConfig none() {
    return new WhatsAppConfig(null, null, null, null, null, null, null, null);
  }

  /** The configuration in {@code env} ({@code AISPINE_WHATSAPP_*}); off when no number is set. */
  public static WhatsAppConfig fromEnvironment(Map<String, String> env) {
    String base = blankToNull(env.get(BASE_URL_ENV));
    String media = blankToNull(env.get(MEDIA_DIR_ENV));
    return new WhatsAppConfig(
        base == null ? null : URI.create(base),
        env.get(API_VERSION_ENV),
        env.get(PHONE_NUMBER_ID_ENV),
        env.get(ACCESS_TOKEN_ENV),
        env.get(APP_SECRET_ENV),
        env.get(VERIFY_TOKEN_ENV),
        env.get(FLOW_ENV),
        media == null ? null : Path.of(media));
  }

  /** Whether a number is configured (a phone-number id, an access token and an app secret). */
  public boolean configured() {
    return phoneNumberId != null && accessToken != null && appSecret != null;
  }

  /** This configuration with another flow started by inbound messages. */
  public WhatsAppConfig withFlow(String flow) {
    return new WhatsAppConfig(
        baseUrl, apiVersion, phoneNumberId, accessToken, appSecret, verifyToken, flow, mediaDir);
  }

  /** This configuration writing media to {@code mediaDir}. */
  public WhatsAppConfig withMediaDir(Path mediaDir) {
    return new WhatsAppConfig(
        baseUrl, apiVersion, phoneNumberId, accessToken, appSecret, verifyToken, flow, mediaDir);
  }

  /** The Graph API URL of {@code path} (no leading slash) under the configured version. */
  URI graph(String path) {
    String base = baseUrl.toString();
    return URI.create((base.endsWith("/") ? base : base + "/") + apiVersion + "/" + path);
  }

  /** Secrets are shown as {@code ***} (set) or {@code -} (missing), never as their value. */
  @Override
  public String toString() {
    return "WhatsAppConfig[baseUrl="
        + baseUrl
        + ", apiVersion="
        + apiVersion
        + ", phoneNumberId="
        + phoneNumberId
        + ", accessToken="
        + (accessToken == null ? "-" : "***")
        + ", appSecret="
        + (appSecret == null ? "-" : "***")
        + ", verifyToken="
        + (verifyToken == null ? "-" : "***")
        + ", flow="
        + flow
        + ", mediaDir="
        + mediaDir
        + "]";
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
