package io.aispine.server.internal.triggers;

import io.aispine.flow.EventTrigger;
import io.aispine.flow.Flow;
import io.aispine.flow.FlowParser;
import io.aispine.flow.ScheduleTrigger;
import io.aispine.flow.Trigger;
import io.aispine.flow.WebhookTrigger;
import io.aispine.store.FlowReview;
import io.aispine.store.FlowStore;
import io.aispine.store.StoredFlow;
import io.aispine.store.TriggerStore;
import io.aispine.store.Workspace;
import io.aispine.store.WorkspaceStore;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The triggers in force: those of each flow's newest approved version. {@link #sync()} records them
 * in the {@link TriggerStore}, so that approving a new version replaces the triggers of the old one
 * and a draft's triggers never fire.
 */
public final class TriggerCatalog {

  private final FlowStore flows;
  private final WorkspaceStore workspaces;
  private final TriggerStore triggers;
  private final InstantSource clock;
  private final Map<String, Flow> parsed = new ConcurrentHashMap<>();

  /** Flow id to the version whose triggers this server recorded last. */
  private final Map<String, String> synced = new ConcurrentHashMap<>();

  public TriggerCatalog(
      FlowStore flows, WorkspaceStore workspaces, TriggerStore triggers, InstantSource clock) {
    this.flows = flows;
    this.workspaces = workspaces;
    this.triggers = triggers;
    this.clock = clock;
  }

  /** The store of trigger states. */
  public TriggerStore store() {
    return triggers;
  }

  /** The parsed flow version (kept once parsed: stored versions never change). */
  public Flow flow(String flowId, String version) {
    return parsed.computeIfAbsent(
        flowId + "@" + version,
        ref ->
            FlowParser.parse(
                flows.find(flowId, version).orElseThrow().source(), flowId + "@" + version));
  }

  /** The trigger of the row's flow version, if that version still declares it. */
  public Optional<Trigger> trigger(TriggerStore.Row row) {
    return flow(row.flowId(), row.flowVersion()).trigger(row.triggerId());
  }

  /** Records the triggers of every flow's newest approved version, where they changed. */
  public synchronized void sync() {
    for (StoredFlow latest : flows.latest()) {
      String flowId = latest.id();
      Optional<StoredFlow> approved = newestApproved(flowId);
      String version = approved.map(StoredFlow::version).orElse("");
      if (version.equals(synced.get(flowId))) {
        continue;
      }
      if (approved.isEmpty()) {
        triggers.retainOnly(flowId, java.util.Set.of());
      } else {
        declare(flow(flowId, version), workspaceOf(flowId));
      }
      synced.put(flowId, version);
    }
  }

  private void declare(Flow flow, String workspace) {
    Instant now = clock.instant();
    var ids = new HashSet<String>();
    for (Trigger trigger : flow.triggers()) {
      ids.add(trigger.id());
      triggers.declare(
          new TriggerStore.Row(
              workspace,
              flow.id(),
              trigger.id(),
              trigger.kind(),
              flow.version().text(),
              spec(trigger),
              trigger instanceof ScheduleTrigger s ? s.nextAfter(now).orElse(null) : null,
              false,
              null));
    }
    triggers.retainOnly(flow.id(), ids);
  }

  /** What decides when a trigger fires; a change restarts a schedule from now. */
  static String spec(Trigger trigger) {
    return switch (trigger) {
      case ScheduleTrigger s -> s.cron() + " | " + s.zone().getId();
      case WebhookTrigger w -> w.signature().wireName() + " | " + w.secret();
      case EventTrigger e -> e.flow() + " | " + String.join(",", new TreeSet<>(e.statuses()));
    };
  }

  /** The workspace a flow belongs to. */
  public String workspaceOf(String flowId) {
    return workspaces.ownerOf(WorkspaceStore.Owned.FLOW, flowId).orElse(Workspace.DEFAULT);
  }

  private Optional<StoredFlow> newestApproved(String flowId) {
    List<StoredFlow> versions = flows.versions(flowId);
    Map<String, FlowReview> reviews = flows.reviews(flowId);
    for (StoredFlow stored : versions.reversed()) {
      FlowReview review = reviews.get(stored.version());
      if (review != null && review.status().runnable()) {
        return Optional.of(stored);
      }
    }
    return Optional.empty();
  }
}
