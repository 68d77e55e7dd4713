package io.aispine.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where each trigger of each flow stands: the version whose triggers fire, whether it is paused,
 * and for schedules the next fire instant, kept so that a restart neither skips nor repeats a fire.
 * Servers sharing a database take a short lease on a schedule before firing it, so that one of them
 * fires each instant.
 */
public interface TriggerStore {

  /**
   * One trigger.
   *
   * @param workspace the workspace of the flow
   * @param flowId the flow
   * @param triggerId the trigger's id within the flow
   * @param kind {@code schedule}, {@code webhook} or {@code event}
   * @param flowVersion the approved version whose declaration of the trigger is in force
   * @param spec what decides the fire instants (cron and zone of a schedule); a change restarts the
   *     schedule from now
   * @param nextFireAt the next fire of a schedule, null for the other kinds or when none is left
   * @param paused whether the trigger is paused
   * @param lastExecution the execution the trigger started last, or null
   */
  record Row(
      String workspace,
      String flowId,
      String triggerId,
      String kind,
      String flowVersion,
      String spec,
      Instant nextFireAt,
      boolean paused,
      String lastExecution) {

    /** {@code flow.trigger}: the trigger's name in the API, the CLI and webhook URLs. */
    public String name() {
      return flowId + "." + triggerId;
    }
  }

  /**
   * Records the trigger as declared by {@code row.flowVersion()}. An existing trigger keeps its
   * pause and, when its spec is unchanged, its next fire; a new one or a changed spec takes {@code
   * row.nextFireAt()}.
   */
  void declare(Row row);

  /** Removes the flow's triggers other than {@code keep}: those its newest version dropped. */
  void retainOnly(String flowId, Set<String> keep);

  /** Every trigger of the workspace, or of every workspace when it is null, by name. */
  List<Row> list(String workspace);

  /** The trigger, if declared. */
  Optional<Row> find(String flowId, String triggerId);

  /**
   * Pauses or resumes the trigger; resuming a schedule sets its next fire to {@code nextFireAt}
   * (the fires due while paused are dropped).
   *
   * @return false when there is no such trigger
   */
  boolean setPaused(String flowId, String triggerId, boolean paused, Instant nextFireAt);

  /**
   * Takes the schedule's lease until {@code until} for {@code owner}, when no other owner holds an
   * unexpired one; the claim is atomic across servers sharing the database.
   *
   * @return true when {@code owner} holds the lease now
   */
  boolean lease(String flowId, String triggerId, String owner, Instant now, Instant until);

  /**
   * Moves the schedule to its next fire and releases the lease, only while {@code owner} still
   * holds it.
   *
   * @param lastExecution the execution started last, or null to keep the recorded one
   * @return false when the lease was lost (another server fires it now)
   */
  boolean advance(
      String flowId, String triggerId, String owner, Instant nextFireAt, String lastExecution);
}
