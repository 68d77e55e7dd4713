package io.aispine.agents.outbound;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The targets an operator allows although the outbound policy would deny them: host names, IP
 * addresses and CIDR blocks, each optionally with a port ({@code 10.0.0.0/8}, {@code
 * agents.internal:8080}, {@code [fd00::5]:9000}).
 */
public final class OutboundAllowlist {

  /** One allowed target; {@code port} is -1 for every port. */
  sealed interface Entry {
    int port();

    /** Whether the entry allows {@code address}, reached as {@code host}, on {@code port}. */
    boolean allows(String host, InetAddress address, int port, boolean metadata);
  }

  /** A host name as written in URLs, whatever it resolves to. */
  record Host(String name, int port) implements Entry {
    @Override
    public boolean allows(String host, InetAddress address, int port, boolean metadata) {
      return name.equals(normalHost(host)) && (this.port < 0 || this.port == port);
    }

    @Override
    public String toString() {
      return port < 0 ? name : name + ":" + port;
    }
  }

  /** An address or a block of addresses. */
  record Block(Cidr cidr, int port) implements Entry {
    @Override
    public boolean allows(String host, InetAddress address, int port, boolean metadata) {
      // A cloud metadata address must be listed itself: allowing 169.254.0.0/16 for some
      // link-local service must not hand out the instance's credentials as well.
      return cidr.contains(address)
          && (!metadata || cidr.isSingleAddress())
          && (this.port < 0 || this.port == port);
    }

    @Override
    public String toString() {
      String address = cidr.isSingleAddress() ? cidr.network().getHostAddress() : cidr.toString();
      if (port < 0) {
        return address;
      }
      return address.contains(":") ? "[" + address + "]:" + port : address + ":" + port;
    }
  }

  private static final OutboundAllowlist NONE = new OutboundAllowlist(List.of());

  private final List<Entry> entries;

  private OutboundAllowlist(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** An empty list: only public addresses are reached. */
  public static OutboundAllowlist none() {
    return NONE;
  }

  /**
   * Parses a comma-separated list such as {@code 10.0.0.0/8,agents.internal:8080,127.0.0.1:9000};
   * blank means empty.
   *
   * @throws IllegalArgumentException naming the first entry that is none of a host, an address or a
   *     CIDR block with an optional {@code :port}
   */
  public static OutboundAllowlist parse(String list) {
    if (list == null || list.isBlank()) {
      return NONE;
    }
    var entries = new ArrayList<Entry>();
    for (String item : list.split(",")) {
      if (!item.isBlank()) {
        entries.add(entry(item.strip()));
      }
    }
    return new OutboundAllowlist(entries);
  }

  /** Whether the list allows {@code address}, reached through the URL host {@code host}. */
  boolean allows(String host, InetAddress address, int port, boolean metadata) {
    return entries.stream().anyMatch(e -> e.allows(host, address, port, metadata));
  }

  /** Whether the list has no entries. */
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  List<Entry> entries() {
    return entries;
  }

  private static Entry entry(String item) {
    String target = item;
    int port = -1;
    // "[v6]:port", "[v6]", "v4:port", "host:port"; a bare IPv6 address has several colons.
    if (item.startsWith("[")) {
      int close = item.indexOf(']');
      if (close < 0) {
        throw invalid(item, "has no ']' after the IPv6 address");
      }
      target = item.substring(1, close);
      String rest = item.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw invalid(item, "has something other than ':port' after ']'");
        }
        port = port(item, rest.substring(1));
      }
    } else if (item.indexOf(':') >= 0 && item.indexOf(':') == item.lastIndexOf(':')) {
      int colon = item.indexOf(':');
      target = item.substring(0, colon);
      port = port(item, item.substring(colon + 1));
    }
    if (target.contains("/") || Cidr.literal(target) != null) {
      try {
        return new Block(Cidr.parse(target), port);
      } catch (IllegalArgumentException e) {
        throw invalid(item, e.getMessage());
      }
    }
    if (!target.matches("[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?\\.?")) {
      throw invalid(item, "is not a host name, an IP address or a CIDR block");
    }
    return new Host(normalHost(target), port);
  }

  private static int port(String item, String text) {
    try {
      int port = Integer.parseInt(text);
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid(item, "has a port that is not a number from 1 to 65535");
  }

  private static IllegalArgumentException invalid(String item, String problem) {
    return new IllegalArgumentException(
        "outbound allowlist entry '"
            + item
            + "' "
            + problem
            + "; write hosts (agents.internal), addresses (10.0.0.5), CIDR blocks (10.0.0.0/8),"
            + " each optionally with :port, separated by commas");
  }

  /** A host name as compared: lower case, without a trailing dot or IPv6 brackets. */
  static String normalHost(String host) {
    String name = Objects.requireNonNull(host, "host").toLowerCase(Locale.ROOT);
    if (name.startsWith("[") && name.endsWith("]")) {
      name = name.substring(1, name.length() - 1);
    }
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }

  @Override
  public String toString() {
    return String.join(",", entries.stream().map(Object::toString).toList());
  }
}
