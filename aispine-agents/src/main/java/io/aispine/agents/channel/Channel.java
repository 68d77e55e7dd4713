package io.aispine.agents.channel;

import java.util.List;

/**
 * A messaging channel that people talk to AI Spine through (WhatsApp; Telegram fits the same
 * shape): authentic inbound deliveries turned into messages, and messages, media and read receipts
 * out. The server's webhook and the channel's built-in agent both use it.
 */
public interface Channel {

  /** The channel's name, as webhooks ({@code /webhooks/whatsapp}) and the store name it. */
  String name();

  /**
   * Checks that a webhook delivery comes from the channel (its signature over the raw body) and
   * reads the messages in it. Status callbacks and other events yield no message.
   *
   * @throws InvalidDeliveryException when the signature is missing or wrong, or the body is not a
   *     delivery of this channel
   */
  List<InboundMessage> receive(Delivery delivery) throws InvalidDeliveryException;

  /** Sends one message to {@code to} and returns the channel's id of the sent message. */
  String send(String to, OutboundMessage message) throws ChannelException, InterruptedException;

  /** Downloads the media an inbound message carries. */
  MediaFile media(String mediaId) throws ChannelException, InterruptedException;

  /** Tells the sender that their message was read. */
  void markRead(String messageId) throws ChannelException, InterruptedException;
}
