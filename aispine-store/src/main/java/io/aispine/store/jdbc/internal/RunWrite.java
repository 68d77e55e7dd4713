package io.aispine.store.jdbc.internal;

import io.aispine.execution.NodeStatus;
import io.aispine.execution.RunChange;
import java.time.Instant;

/**
 * The net effect of one batch's changes to one attempt record. Folding them first means a record
 * scheduled, started and finished within one batch is written once, and the result does not depend
 * on the order in which the per-table statements run.
 */
final class RunWrite {

  private RunChange.Scheduled scheduled;
  private Instant startedAt;
  private RunChange.Finished finished;

  /** Applies the next change to this attempt, in batch order. */
  void fold(RunChange change) {
    switch (change) {
      case RunChange.Scheduled s -> {
        // scheduling the same attempt again (its worker was lost) starts the record afresh
        scheduled = s;
        startedAt = null;
        finished = null;
      }
      case RunChange.Started s -> {
        if (finished == null) {
          startedAt = s.at();
        }
      }
      case RunChange.Finished f -> finished = f;
    }
  }

  /** The scheduling in this batch, or null when the record already exists. */
  RunChange.Scheduled scheduled() {
    return scheduled;
  }

  /** When a worker started the attempt in this batch, or null. */
  Instant startedAt() {
    return startedAt;
  }

  /** The attempt's end in this batch, or null. */
  RunChange.Finished finished() {
    return finished;
  }

  /** The status the record has after this batch. */
  NodeStatus status() {
    if (finished != null) {
      return finished.status();
    }
    return startedAt != null ? NodeStatus.RUNNING : NodeStatus.SCHEDULED;
  }
}
