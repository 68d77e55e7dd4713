package io.aispine.cli.certify;

import java.util.List;

/**
 * What {@code aispine agent test} found: every check, the latency and the verdict. Its JSON (snake
 * case) is the contract the marketplace reads; see docs/agent-sdk.md.
 *
 * @param target the URL tested
 * @param agent the agent's name, from its manifest or health (null if unknown)
 * @param version the agent's version (null if unknown)
 * @param verdict {@code certified} or {@code not certified}
 * @param certified true when no check failed
 * @param checks every check, in the order run
 * @param latencyMs p50/p95/p99 of the stability run, in milliseconds (null if it did not run)
 */
public record CertificationReport(
    String target,
    String agent,
    String version,
    String verdict,
    boolean certified,
    List<Check> checks,
    Latency latencyMs) {

  /** Percentiles of {@code POST /execute} round trips, in milliseconds. */
  public record Latency(int requests, double p50, double p95, double p99) {}

  static CertificationReport of(
      String target, String agent, String version, List<Check> checks, Latency latency) {
    boolean certified = checks.stream().noneMatch(c -> c.status() == Check.Status.FAIL);
    return new CertificationReport(
        target,
        agent,
        version,
        certified ? "certified" : "not certified",
        certified,
        List.copyOf(checks),
        latency);
  }

  /** The names of the failed checks. */
  public List<String> failed() {
    return checks.stream().filter(c -> c.status() == Check.Status.FAIL).map(Check::name).toList();
  }
}
