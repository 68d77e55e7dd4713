package io.aispine.agents.runtime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.BiConsumer;

/**
 * The nodes the guards held back, by cause ({@code drained:NAME}, {@code flow:ID}, {@code
 * agent:NAME}), so that when a cause goes away (an undrain, a finished execution, a call ending)
 * the nodes waiting for it are delivered at once instead of at their next look.
 *
 * <p>A guard records a node before it checks the cause a second time, and whoever removes a cause
 * changes the state first and wakes second; so a node is either let through by the second check or
 * found by the wake-up. Kept in memory only: after a restart, nodes held before it look again at
 * their deferral time.
 */
final class HeldNodes {

  /** A node instance of an execution. */
  public record Node(String executionId, String path) {}

  private static final Comparator<Node> OLDEST_FIRST =
      Comparator.comparing(Node::executionId).thenComparing(Node::path);

  private final Map<Node, String> causeOf = new ConcurrentHashMap<>();
  private final Map<String, NavigableSet<Node>> byCause = new ConcurrentHashMap<>();
  private volatile BiConsumer<String, String> deliver = (executionId, path) -> {};

  /** Where a woken node is delivered: the engine's {@code deliverNow}. */
  public void deliverWith(BiConsumer<String, String> deliverNow) {
    this.deliver = deliverNow;
  }

  /** Records that {@code node} waits for {@code cause}. */
  public void hold(Node node, String cause) {
    release(node);
    causeOf.put(node, cause);
    byCause.computeIfAbsent(cause, c -> new ConcurrentSkipListSet<>(OLDEST_FIRST)).add(node);
  }

  /** Forgets that {@code node} waits. */
  public void release(Node node) {
    String cause = causeOf.remove(node);
    if (cause != null) {
      NavigableSet<Node> nodes = byCause.get(cause);
      if (nodes != null) {
        nodes.remove(node);
      }
    }
  }

  /** Delivers every node waiting for {@code cause}. */
  public void wakeAll(String cause) {
    NavigableSet<Node> nodes = byCause.get(cause);
    if (nodes != null) {
      wake(new ArrayList<>(nodes));
    }
  }

  /** Delivers the nodes of the oldest execution waiting for {@code cause}. */
  public void wakeOldestExecution(String cause) {
    NavigableSet<Node> nodes = byCause.get(cause);
    if (nodes == null || nodes.isEmpty()) {
      return;
    }
    String oldest = nodes.first().executionId();
    wake(nodes.stream().filter(n -> n.executionId().equals(oldest)).toList());
  }

  /** Delivers the node that has waited for {@code cause} from the oldest execution. */
  public void wakeOne(String cause) {
    NavigableSet<Node> nodes = byCause.get(cause);
    if (nodes != null && !nodes.isEmpty()) {
      wake(List.of(nodes.first()));
    }
  }

  /** Forgets the nodes of an execution that ended. */
  public void forget(String executionId) {
    causeOf.keySet().stream()
        .filter(n -> n.executionId().equals(executionId))
        .toList()
        .forEach(this::release);
  }

  /** How many nodes wait for {@code cause}. */
  public int waiting(String cause) {
    NavigableSet<Node> nodes = byCause.get(cause);
    return nodes == null ? 0 : nodes.size();
  }

  private void wake(List<Node> nodes) {
    for (Node node : nodes) {
      release(node);
      deliver.accept(node.executionId(), node.path());
    }
  }
}
