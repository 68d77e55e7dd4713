package io.aispine.server;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Who may approve a flow version deployed as a draft. Server-wide for now; the workspaces branch
 * moves it to a per-workspace setting with the same values.
 */
public enum FlowApproval {
  /**
   * {@link #SELF} while the server listens on a loopback interface only (one person's development
   * server, where the author is the only reviewer there is), {@link #FOUR_EYES} otherwise (a server
   * others reach is shared, and a second person must look at what will run).
   */
  AUTO,
  /** Authors may approve their own drafts, and deploy with {@code approve=true} in one step. */
  SELF,
  /** The approver must be another API key than the one that deployed the draft. */
  FOUR_EYES;

  /** The environment variable that sets it: {@code auto}, {@code self} or {@code four-eyes}. */
  public static final String ENV = "AISPINE_FLOW_APPROVAL";

  /**
   * The setting named by {@code text} ({@code auto}, {@code self} or {@code four-eyes}, any case).
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static FlowApproval parse(String text) {
    String name = text == null ? "" : text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    for (FlowApproval approval : values()) {
      if (approval.name().equals(name)) {
        return approval;
      }
    }
    throw new IllegalArgumentException(
        ENV
            + " must be one of "
            + Arrays.stream(values()).map(FlowApproval::wireName).collect(Collectors.joining(", "))
            + ", got '"
            + text
            + "'");
  }

  /** The setting {@link #ENV} names, {@link #AUTO} when it is unset. */
  public static FlowApproval fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  static FlowApproval fromEnvironment(Map<String, String> env) {
    String value = env.get(ENV);
    return value == null || value.isBlank() ? AUTO : parse(value);
  }

  /** Whether authors may approve their own drafts on a server listening on {@code host}. */
  public boolean selfApprovalAllowed(String host) {
    return switch (this) {
      case SELF -> true;
      case FOUR_EYES -> false;
      case AUTO -> MetricsAccess.loopbackOnly(host);
    };
  }

  /** The lower-case name with a dash, as in {@link #ENV}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
