package io.aispine.agents.channel.whatsapp;

import io.aispine.agent.Agent;
import io.aispine.agent.AgentProvider;
import java.util.Objects;

/**
 * Provides the {@code whatsapp} agent. Found through {@link java.util.ServiceLoader}, it reads its
 * number from {@code AISPINE_WHATSAPP_*}; a server hands it the channel it also receives on.
 */
public final class WhatsAppAgentProvider implements AgentProvider {

  private final WhatsAppChannel channel;

  /** The provider {@link java.util.ServiceLoader} creates: configured from the environment. */
  public WhatsAppAgentProvider() {
    this.channel = null;
  }

  /** A provider whose agent talks through {@code channel}. */
  public WhatsAppAgentProvider(WhatsAppChannel channel) {
    this.channel = Objects.requireNonNull(channel, "channel");
  }

  @Override
  public String name() {
    return "whatsapp";
  }

  @Override
  public String version() {
    return "1.0.0";
  }

  @Override
  public String description() {
    return "Talks to WhatsApp users through the Cloud API: sends text, reply buttons and"
        + " templates, downloads media, marks messages read.";
  }

  @Override
  public Agent create() {
    WhatsAppChannel used =
        channel != null
            ? channel
            : new WhatsAppChannel(WhatsAppConfig.fromEnvironment(System.getenv()));
    return new WhatsAppAgent(used, used.config().mediaDir());
  }
}
