package io.aispine.server.internal.channels;

import io.aispine.agents.channel.Channel;
import io.aispine.agents.channel.ChannelException;
import io.aispine.agents.channel.InboundMessage;
import io.aispine.engine.Engine;
import io.aispine.engine.InvalidInputsException;
import io.aispine.execution.ApprovalStatus;
import io.aispine.execution.ExecutionState;
import io.aispine.execution.ExecutionStatus;
import io.aispine.flow.ApprovalNode;
import io.aispine.flow.Flow;
import io.aispine.flow.FlowParser;
import io.aispine.store.Approval;
import io.aispine.store.ApprovalQuery;
import io.aispine.store.ApprovalStore;
import io.aispine.store.Conversation;
import io.aispine.store.ConversationStore;
import io.aispine.store.FlowStore;
import io.aispine.store.InboundMessageRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a channel's inbound messages go: each is recorded once by its message id, then either
 * continues its sender's conversation (answers the {@code guest} approval the conversation's
 * execution waits on) or starts the channel's flow. What a message will do is written before it is
 * done and each step is idempotent, so a crash at any point, or a redelivery, acts exactly once.
 */
public final class ConversationInbox {

  private static final Logger log = LoggerFactory.getLogger(ConversationInbox.class);

  /** Reply-button ids that answer a guest approval with "no". */
  static final Set<String> NEGATIVE_BUTTONS = Set.of("no", "reject", "cancel", "decline");

  private static final String START = "start:";
  private static final String ANSWER = "answer:";
  private static final String NONE = "none";

  /**
   * A conversation silent this long starts a new session (its tries count from 1 again): WhatsApp's
   * own customer-service window.
   */
  static final Duration SESSION = Duration.ofHours(24);

  private final Channel channel;
  private final ConversationStore conversations;
  private final FlowStore flows;
  private final ApprovalStore approvals;
  private final Engine engine;
  private final String flowId;
  private final InstantSource clock;
  // Messages of one sender are processed one at a time, in order: a reply must see the approval
  // that the message before it led to. Striped, so that senders rarely wait on each other.
  private final ReentrantLock[] senderLocks = new ReentrantLock[64];

  public ConversationInbox(
      Channel channel,
      ConversationStore conversations,
      FlowStore flows,
      ApprovalStore approvals,
      Engine engine,
      String flowId,
      InstantSource clock) {
    this.channel = channel;
    this.conversations = conversations;
    this.flows = flows;
    this.approvals = approvals;
    this.engine = engine;
    this.flowId = flowId;
    this.clock = clock;
    for (int i = 0; i < senderLocks.length; i++) {
      senderLocks[i] = new ReentrantLock();
    }
  }

  /** What one delivery amounted to. */
  public record Accepted(int received, int duplicates) {}

  /**
   * Records each message (a redelivered one is recognised by its id and skipped) and processes the
   * new ones. Returns once every new message is durable and processed.
   */
  public Accepted accept(List<InboundMessage> messages) {
    int duplicates = 0;
    for (InboundMessage message : messages) {
      var record =
          new InboundMessageRecord(
              channel.name(),
              message.id(),
              message.from(),
              message.toMap(),
              clock.instant(),
              null,
              null);
      if (conversations.receive(record)) {
        process(record);
      } else {
        duplicates++;
        log.info("{} message {} delivered again: already processed", channel.name(), message.id());
      }
    }
    return new Accepted(messages.size() - duplicates, duplicates);
  }

  /** Finishes the messages a crash left unprocessed, in the order they arrived. */
  public int recover() {
    List<InboundMessageRecord> unfinished =
        conversations.unfinished().stream()
            .filter(r -> r.channel().equals(channel.name()))
            .toList();
    unfinished.forEach(this::process);
    if (!unfinished.isEmpty()) {
      log.info(
          "{}: finished {} inbound messages received before a restart",
          channel.name(),
          unfinished.size());
    }
    return unfinished.size();
  }

  private void process(InboundMessageRecord record) {
    ReentrantLock lock = senderLocks[Math.floorMod(record.sender().hashCode(), senderLocks.length)];
    lock.lock();
    try {
      InboundMessage message = InboundMessage.fromMap(record.message());
      Instant now = clock.instant();
      Conversation conversation =
          conversations
              .conversation(channel.name(), record.sender())
              .orElse(
                  new Conversation(channel.name(), record.sender(), Map.of(), null, 0, now, now));
      String route = record.route();
      if (route == null) {
        route = decide(message, conversation);
        conversations.route(channel.name(), message.id(), route);
      }
      Map<String, Object> context = context(conversation, message, route.startsWith(START), now);
      String executionId = act(route, message, context);
      markRead(message);
      if (executionId != null) {
        context.put("execution", executionId);
      }
      conversations.processed(
          channel.name(),
          message.id(),
          new Conversation(
              channel.name(),
              record.sender(),
              context,
              executionId == null ? conversation.executionId() : executionId,
              conversation.messages() + 1,
              conversation.startedAt(),
              now));
    } finally {
      lock.unlock();
    }
  }

  /** Continue the conversation when its execution waits for the guest, else start the flow. */
  private String decide(InboundMessage message, Conversation conversation) {
    if (conversation.executionId() != null) {
      Optional<Approval> waiting = guestApproval(conversation.executionId());
      if (waiting.isPresent()) {
        return ANSWER + waiting.get().id();
      }
    }
    return flowId == null ? NONE : START + executionId(message.id());
  }

  private Optional<Approval> guestApproval(String executionId) {
    return approvals
        .list(new ApprovalQuery(Set.of(ApprovalStatus.PENDING), executionId, null, 20))
        .stream()
        .filter(a -> a.approvers().contains(ApprovalNode.GUEST))
        .min(Comparator.comparing(Approval::createdAt));
  }

  /** Does what the route says; returns the execution the message went to, or null. */
  private String act(String route, InboundMessage message, Map<String, Object> context) {
    if (route.startsWith(ANSWER)) {
      String approvalId = route.substring(ANSWER.length());
      boolean approved =
          message.buttonId() == null
              || !NEGATIVE_BUTTONS.contains(message.buttonId().toLowerCase(Locale.ROOT));
      String comment = message.buttonId() != null ? message.buttonId() : message.text();
      // false when answered before this crash-and-retry, or expired meanwhile: nothing to do
      engine.answerApproval(
          approvalId, approved, comment, channel.name() + ":" + message.from(), null);
      return approvals.find(approvalId).map(Approval::executionId).orElse(null);
    }
    if (route.startsWith(START)) {
      String executionId = route.substring(START.length());
      Optional<Flow> flow = flow();
      if (flow.isEmpty()) {
        log.error(
            "{} message {} not processed: flow '{}' ({}) is not deployed; deploy it, or set"
                + " AISPINE_WHATSAPP_FLOW to a deployed flow",
            channel.name(),
            message.id(),
            flowId,
            "AISPINE_WHATSAPP_FLOW");
        return null;
      }
      try {
        engine.startOnce(
            flow.get(), FlowInputs.of(flow.get(), channel.name(), message, context), executionId);
        return executionId;
      } catch (InvalidInputsException e) {
        log.error(
            "{} message {} did not start flow {}: {}; declare the flow's inputs under the names"
                + " of docs/kyc.md (phone, message, media_id, text, context …)",
            channel.name(),
            message.id(),
            flow.get().ref(),
            e.getMessage());
        return null;
      }
    }
    return null;
  }

  /**
   * The newest approved version of the channel's flow: a draft deployed later does not answer
   * guests until it is approved (the gate, docs/security.md).
   */
  private Optional<Flow> flow() {
    return flows
        .newestApproved(flowId)
        .map(f -> FlowParser.parse(f.source(), f.id() + "@" + f.version()));
  }

  /**
   * What the conversation knows after this message: the sender's name, how many messages, the
   * outputs of its last execution once that finished, and which {@code attempt} of the session a
   * message that starts the flow is.
   */
  private Map<String, Object> context(
      Conversation conversation, InboundMessage message, boolean starts, Instant now) {
    var context = new LinkedHashMap<>(conversation.context());
    if (message.name() != null) {
      context.put("name", message.name());
    }
    context.put("messages", conversation.messages() + 1);
    context.put("last_message_id", message.id());
    Map<String, Object> previousOutputs = null;
    if (conversation.executionId() != null) {
      context.put("previous_execution", conversation.executionId());
      previousOutputs =
          engine
              .execution(conversation.executionId())
              .filter(s -> s.status() == ExecutionStatus.SUCCEEDED)
              .map(ExecutionState::outputs)
              .orElse(null);
      if (previousOutputs != null) {
        context.put("previous_outputs", previousOutputs);
      }
    }
    if (starts) {
      context.put("attempt", attempt(conversation, previousOutputs, now));
    }
    return context;
  }

  /**
   * Which try of the session a message that starts the flow is: 1 for the first, for the first
   * after an execution that reached a {@code verdict}, and for the first after a silence of {@link
   * #SESSION}; else one more than the message before. So a flow that asks for a new photo (the
   * {@code kyc_onboarding} loop) can stop asking after the third, although each photo starts an
   * execution of its own.
   */
  static int attempt(Conversation conversation, Map<String, Object> previousOutputs, Instant now) {
    boolean concluded = previousOutputs != null && previousOutputs.get("verdict") != null;
    boolean lapsed = conversation.updatedAt().plus(SESSION).isBefore(now);
    if (conversation.messages() == 0
        || concluded
        || lapsed
        || !(conversation.context().get("attempt") instanceof Number previous)) {
      return 1;
    }
    return previous.intValue() + 1;
  }

  /** Two blue ticks for the guest; a failure here must not hold up the conversation. */
  private void markRead(InboundMessage message) {
    try {
      channel.markRead(message.id());
    } catch (ChannelException e) {
      log.warn("{}: could not mark {} read: {}", channel.name(), message.id(), e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The execution a message starts: derived from its id, so a second start finds the first. */
  static String executionId(String messageId) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(messageId.getBytes(StandardCharsets.UTF_8));
      return "ex_" + HexFormat.of().formatHex(digest).substring(0, 26);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JDK", e);
    }
  }
}
