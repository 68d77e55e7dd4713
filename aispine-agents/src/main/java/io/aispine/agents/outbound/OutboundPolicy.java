package io.aispine.agents.outbound;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * Which hosts a request made on a user's behalf may reach: the {@code http} agent, registered
 * agents, their manifests and health checks, and later webhooks, MCP servers and LLM providers.
 *
 * <p>Only {@code http} and {@code https} URLs are requested. A host is resolved once and every
 * address it resolves to is checked; the request then connects to exactly those addresses (see
 * {@link OutboundHttp}), so a DNS answer that changes between the check and the connection cannot
 * smuggle a request to another address. Denied unless the {@linkplain OutboundAllowlist allowlist}
 * names them: loopback, unspecified, link-local, cloud metadata, private (RFC 1918, unique local),
 * carrier-grade NAT, multicast, broadcast and reserved addresses, also written as IPv4-mapped and
 * other IPv6 forms or as odd numeric spellings ({@code 2130706433}, {@code 0x7f.1}): the host is
 * resolved by {@link InetAddress} and the resulting address is what is judged.
 *
 * <p>A process that only its own user reaches, such as a server listening on loopback only, may
 * allow loopback targets so that agents on the same machine work out of the box. The port this
 * server listens on is never reached on this machine, whatever the list says.
 */
public final class OutboundPolicy {

  /** The environment variable (and server setting) that holds the allowlist. */
  public static final String ALLOW_ENV = "AISPINE_OUTBOUND_ALLOW";

  /** Resolves a host name (or numeric spelling) to its addresses. */
  @FunctionalInterface
  public interface Resolver {
    /** Every address of {@code host}, never empty. */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The system's resolver: {@link InetAddress#getAllByName}. */
    Resolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));
  }

  private final OutboundAllowlist allowlist;
  private final boolean loopbackAllowed;
  private final IntSupplier ownPort;
  private final Resolver resolver;

  private OutboundPolicy(
      OutboundAllowlist allowlist,
      boolean loopbackAllowed,
      IntSupplier ownPort,
      Resolver resolver) {
    this.allowlist = Objects.requireNonNull(allowlist, "allowlist");
    this.loopbackAllowed = loopbackAllowed;
    this.ownPort = Objects.requireNonNull(ownPort, "ownPort");
    this.resolver = Objects.requireNonNull(resolver, "resolver");
  }

  /** Public addresses only, plus what {@code allowlist} names. */
  public static OutboundPolicy publicOnly(OutboundAllowlist allowlist) {
    return new OutboundPolicy(allowlist, false, () -> 0, Resolver.SYSTEM);
  }

  /**
   * The policy of a process that no one else sends requests through (a CLI run, a library call):
   * public addresses and loopback, plus what {@code allowlist} names.
   */
  public static OutboundPolicy localProcess(OutboundAllowlist allowlist) {
    return new OutboundPolicy(allowlist, true, () -> 0, Resolver.SYSTEM);
  }

  /** {@link #localProcess(OutboundAllowlist)} with the allowlist of {@value #ALLOW_ENV}. */
  public static OutboundPolicy localProcess() {
    return localProcess(allowlistFrom(System.getenv()));
  }

  /**
   * The policy of a server listening on {@code listenHost}: a server on loopback only may reach
   * loopback, any other reaches public addresses and what {@code allowlist} names. Neither reaches
   * its own port on this machine.
   *
   * @param ownPort the port the server listens on, or 0 while it does not listen yet
   */
  public static OutboundPolicy forServer(
      String listenHost, IntSupplier ownPort, OutboundAllowlist allowlist) {
    return new OutboundPolicy(
        allowlist, listensOnLoopbackOnly(listenHost), ownPort, Resolver.SYSTEM);
  }

  /** The allowlist in {@value #ALLOW_ENV} of {@code env}; empty when unset. */
  public static OutboundAllowlist allowlistFrom(Map<String, String> env) {
    try {
      return OutboundAllowlist.parse(env.get(ALLOW_ENV));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(ALLOW_ENV + ": " + e.getMessage(), e);
    }
  }

  /** This policy resolving host names with {@code resolver} (tests answer what they need). */
  public OutboundPolicy withResolver(Resolver resolver) {
    return new OutboundPolicy(allowlist, loopbackAllowed, ownPort, resolver);
  }

  /** Whether loopback targets are allowed without being listed. */
  public boolean loopbackAllowed() {
    return loopbackAllowed;
  }

  /** The operator's allowlist. */
  public OutboundAllowlist allowlist() {
    return allowlist;
  }

  /**
   * Checks what a URL says without looking anything up: an absolute {@code http} or {@code https}
   * URL with a host, and a host that is no restricted numeric address. Registering an agent uses
   * this so that its host need not resolve yet; every request checks again when it connects.
   */
  public void checkUrl(URI url) throws OutboundDeniedException {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new OutboundDeniedException(
          String.valueOf(url.getScheme()),
          "outbound request to a '"
              + scheme
              + ":' URL denied: only http:// and https:// URLs are requested");
    }
    if (url.getHost() == null) {
      throw new OutboundDeniedException(
          scheme + "://", "outbound request denied: the URL has no host name");
    }
  }

  /**
   * Resolves {@code host} once and checks every address it resolves to on {@code port}.
   *
   * @return the addresses to connect to: all of them are allowed
   * @throws OutboundDeniedException when any address is denied, naming it and the setting that
   *     would allow it
   * @throws UnknownHostException when the host does not resolve
   */
  public List<InetAddress> resolve(String host, int port)
      throws OutboundDeniedException, UnknownHostException {
    String name = OutboundAllowlist.normalHost(host);
    List<InetAddress> addresses = resolver.resolve(name);
    if (addresses == null || addresses.isEmpty()) {
      throw new UnknownHostException(name + ": no addresses");
    }
    // A name that answers a public and a private address is refused as a whole: the client may
    // connect to any of them, and an attacker chooses which answer comes first.
    for (InetAddress address : addresses) {
      Optional<String> denial = denial(name, address, port);
      if (denial.isPresent()) {
        throw new OutboundDeniedException(target(name, port), denial.get());
      }
    }
    return List.copyOf(addresses);
  }

  /**
   * Why a request to {@code address} (resolved from the URL host {@code host}) on {@code port} is
   * denied, naming the setting that would allow it; empty when it is allowed.
   */
  public Optional<String> denial(String host, InetAddress address, int port) {
    String name = OutboundAllowlist.normalHost(host);
    String shown = describe(name, address, port);
    int own = ownPort.getAsInt();
    if (own > 0 && port == own && Addresses.isThisMachine(address)) {
      return Optional.of(
          "outbound request to "
              + shown
              + " denied: it is this server's own port, which no setting allows");
    }
    Optional<Restriction> restriction = Addresses.restriction(address);
    if (restriction.isEmpty()) {
      return Optional.empty();
    }
    Restriction why = restriction.get();
    if (why == Restriction.LOOPBACK && loopbackAllowed) {
      return Optional.empty();
    }
    if (allowlist.allows(name, address, port, why == Restriction.METADATA)) {
      return Optional.empty();
    }
    return Optional.of(
        "outbound request to "
            + shown
            + " denied: "
            + address.getHostAddress()
            + " is "
            + why.description()
            + "; to allow it, add '"
            + suggestion(name, address, port, why)
            + "' to "
            + ALLOW_ENV
            + " (comma-separated hosts, addresses, CIDR blocks, each optionally with :port)");
  }

  /** Whether a server listening on {@code host} can be reached from this machine only. */
  static boolean listensOnLoopbackOnly(String host) {
    if (host == null || host.isBlank()) {
      return true; // the server's default, 127.0.0.1
    }
    String name = OutboundAllowlist.normalHost(host.strip());
    if (name.equals("localhost")) {
      return true;
    }
    InetAddress address = Cidr.literal(name);
    return address != null && address.isLoopbackAddress();
  }

  private static String describe(String host, InetAddress address, int port) {
    String literal = address.getHostAddress();
    String at =
        host.equals(literal) || ("[" + literal + "]").equals(host) ? "" : " (" + literal + ")";
    return target(host, port) + at;
  }

  private static String target(String host, int port) {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  private static String suggestion(String host, InetAddress address, int port, Restriction why) {
    // A name the operator knows is the natural entry; the metadata address must be named itself.
    if (why != Restriction.METADATA && Cidr.literal(host) == null && !host.matches("[0-9.x]+")) {
      return host + ":" + port;
    }
    String literal = address.getHostAddress();
    return literal.contains(":") ? "[" + literal + "]:" + port : literal + ":" + port;
  }

  @Override
  public String toString() {
    return "OutboundPolicy[loopback "
        + (loopbackAllowed ? "allowed" : "denied")
        + ", allow="
        + allowlist
        + "]";
  }
}
