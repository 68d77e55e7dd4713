package io.aispine.server;

import io.aispine.agents.channel.whatsapp.WhatsAppConfig;
import io.aispine.agents.outbound.OutboundAllowlist;
import io.aispine.agents.outbound.OutboundPolicy;
import io.aispine.agents.runtime.AgentResilience;
import java.nio.file.Path;

/**
 * How to run an {@link AispineServer}.
 *
 * @param host the interface to listen on; {@code 127.0.0.1} when null
 * @param port the TCP port; 0 for a free one
 * @param dataDir the data dir of the embedded SQLite store and of {@code admin.key}; {@code
 *     ./.aispine} when null and no {@code dbUrl} is given
 * @param dbUrl a JDBC URL ({@code jdbc:postgresql://…}) to use instead of the data dir's SQLite
 *     file, or null
 * @param resilience circuit breakers and health checks of agents; from the environment when null
 * @param outboundAllow what requests made on users' behalf (the {@code http} agent, agent URLs,
 *     manifests, health checks) may reach beyond public addresses; from {@value
 *     OutboundPolicy#ALLOW_ENV} when null. A server listening on loopback only also reaches
 *     loopback; none reaches its own port.
 * @param metricsAccess who may read {@code /metrics}; from {@code AISPINE_METRICS_AUTH} when null
 * @param flowApproval who may approve a deployed flow version; from {@value FlowApproval#ENV} when
 *     null
 * @param whatsApp the WhatsApp number whose webhook the server receives and whose {@code whatsapp}
 *     agent flows use; from {@code AISPINE_WHATSAPP_*} when null
 */
public record ServerConfig(
    String host,
    int port,
    Path dataDir,
    String dbUrl,
    AgentResilience resilience,
    OutboundAllowlist outboundAllow,
    MetricsAccess metricsAccess,
    FlowApproval flowApproval,
    WhatsAppConfig whatsApp) {

  /** The default port. */
  public static final int DEFAULT_PORT = 9325;

  /** The default interface: this machine only. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  public ServerConfig {
    host = host == null || host.isBlank() ? DEFAULT_HOST : host;
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be from 0 to 65535, was " + port);
    }
    dbUrl = dbUrl == null || dbUrl.isBlank() ? null : dbUrl;
    resilience = resilience == null ? AgentResilience.fromEnvironment() : resilience;
    outboundAllow =
        outboundAllow == null ? OutboundPolicy.allowlistFrom(System.getenv()) : outboundAllow;
    metricsAccess = metricsAccess == null ? MetricsAccess.fromEnvironment() : metricsAccess;
    flowApproval = flowApproval == null ? FlowApproval.fromEnvironment() : flowApproval;
    whatsApp = whatsApp == null ? WhatsAppConfig.fromEnvironment(System.getenv()) : whatsApp;
  }

  /**
   * A configuration whose agent resilience, outbound allowlist, metrics access, flow approval rule
   * and WhatsApp number come from the environment.
   */
  public ServerConfig(String host, int port, Path dataDir, String dbUrl) {
    this(host, port, dataDir, dbUrl, null, null, null, null, null);
  }

  /** This configuration with other agent resilience settings. */
  public ServerConfig withResilience(AgentResilience resilience) {
    return new ServerConfig(
        host,
        port,
        dataDir,
        dbUrl,
        resilience,
        outboundAllow,
        metricsAccess,
        flowApproval,
        whatsApp);
  }

  /** This configuration with another outbound allowlist ({@link OutboundAllowlist#parse}). */
  public ServerConfig withOutboundAllow(OutboundAllowlist outboundAllow) {
    return new ServerConfig(
        host,
        port,
        dataDir,
        dbUrl,
        resilience,
        outboundAllow,
        metricsAccess,
        flowApproval,
        whatsApp);
  }

  /** This configuration with another rule for who may read {@code /metrics}. */
  public ServerConfig withMetricsAccess(MetricsAccess metricsAccess) {
    return new ServerConfig(
        host,
        port,
        dataDir,
        dbUrl,
        resilience,
        outboundAllow,
        metricsAccess,
        flowApproval,
        whatsApp);
  }

  /** This configuration with another rule for who may approve flow versions. */
  public ServerConfig withFlowApproval(FlowApproval flowApproval) {
    return new ServerConfig(
        host,
        port,
        dataDir,
        dbUrl,
        resilience,
        outboundAllow,
        metricsAccess,
        flowApproval,
        whatsApp);
  }

  /** Whether authors may approve their own drafts, given {@link #flowApproval} and the host. */
  public boolean selfApprovalAllowed() {
    return flowApproval.selfApprovalAllowed(host);
  }

  /** This configuration with another WhatsApp number (or {@link WhatsAppConfig#none()}). */
  public ServerConfig withWhatsApp(WhatsAppConfig whatsApp) {
    return new ServerConfig(
        host,
        port,
        dataDir,
        dbUrl,
        resilience,
        outboundAllow,
        metricsAccess,
        flowApproval,
        whatsApp);
  }

  /** Whether {@code /metrics} asks for an API key, given {@link #metricsAccess} and the host. */
  public boolean metricsNeedKey() {
    return metricsAccess.needsKey(host);
  }

  /** The default configuration: {@code 127.0.0.1:9325} on {@code ./.aispine}. */
  public static ServerConfig defaults() {
    return new ServerConfig(DEFAULT_HOST, DEFAULT_PORT, null, null);
  }

  /** Where the admin key file goes: the data dir, else {@code ./.aispine}. */
  public Path keyDir() {
    return dataDir != null ? dataDir : Path.of(".aispine");
  }

  /** Where the SQLite store lives when no database URL is given. */
  public Path effectiveDataDir() {
    return dataDir != null ? dataDir : Path.of(".aispine");
  }
}
