package io.aispine.store;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A workspace's plan: the quotas it gets unless overridden. {@code unlimited} is the plan of the
 * {@code default} workspace, so that a local install never throttles its owner; the others are for
 * the workspaces created for teams and customers.
 */
public enum Plan {
  UNLIMITED(Quotas.UNLIMITED, Quotas.UNLIMITED, Quotas.UNLIMITED, Quotas.UNLIMITED),
  FREE(100, 1_000, 5, 0),
  STARTUP(1_000, 50_000, 50, 3),
  SCALE(10_000, 1_000_000, 500, Quotas.UNLIMITED);

  private final Quotas quotas;

  Plan(long apiCallsPerMinute, long executionsPerMonth, long executionsRunning, long agents) {
    this.quotas = new Quotas(apiCallsPerMinute, executionsPerMonth, executionsRunning, agents);
  }

  /** The plan's quotas. */
  public Quotas quotas() {
    return quotas;
  }

  /** The plan's name on the wire: {@code free}, {@code startup} … */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The plan named {@code name} (any case), if there is one. */
  public static Optional<Plan> named(String name) {
    return Arrays.stream(values()).filter(p -> p.wireName().equalsIgnoreCase(name)).findFirst();
  }
}
