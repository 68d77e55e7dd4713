package io.aispine.store;

import java.util.List;
import java.util.Optional;

/**
 * The conversations of messaging channels (WhatsApp): each inbound message recorded once by its
 * channel's message id, and one session per sender that keeps the conversation's context between
 * messages.
 *
 * <p>A message goes through three durable steps: {@link #receive received} (the webhook answers
 * only after this), {@link #route routed} (what it will do is decided and written before it is
 * done) and {@link #processed processed}. A crash between two steps leaves it in {@link
 * #unfinished()}, and doing the routed step again is harmless because each route is idempotent.
 */
public interface ConversationStore {

  /**
   * Records an inbound message unless its channel delivered it before.
   *
   * @return true when recorded now, false for a redelivery (nothing changed)
   */
  boolean receive(InboundMessageRecord message);

  /** The message with this channel id, if recorded. */
  Optional<InboundMessageRecord> message(String channel, String messageId);

  /** Messages received but not processed, oldest first: what a crash interrupted. */
  List<InboundMessageRecord> unfinished();

  /** Writes what the message will do ({@code start:ex_…} or {@code answer:ap_…}). */
  void route(String channel, String messageId, String route);

  /**
   * Marks the message processed and saves its conversation, in one transaction.
   *
   * @param conversation the sender's session after this message
   */
  void processed(String channel, String messageId, Conversation conversation);

  /** The session of {@code sender} on {@code channel}, if it wrote before. */
  Optional<Conversation> conversation(String channel, String sender);
}
