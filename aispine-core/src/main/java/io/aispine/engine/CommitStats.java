package io.aispine.engine;

import java.time.Duration;

/**
 * What a {@code DurableEngine}'s committer has written since the engine started, for benchmarks and
 * metrics.
 *
 * @param batches store transactions committed
 * @param facts facts applied in them (the average group-commit size is facts / batches)
 * @param inStore time spent inside {@code ExecutionStore.apply}
 */
public record CommitStats(long batches, long facts, Duration inStore) {}
