package io.aispine.agents.outbound;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which IP addresses are not on the public internet. IPv6 forms that carry an IPv4 address
 * (IPv4-mapped {@code ::ffff:a.b.c.d}, IPv4-compatible {@code ::a.b.c.d}, NAT64 {@code
 * 64:ff9b::a.b.c.d}, 6to4 {@code 2002:…}, Teredo {@code 2001:0:…}) are judged by that address.
 */
final class Addresses {

  // Order matters: the first block that holds an address names its restriction, so the
  // metadata addresses come before the link-local and private blocks that contain them.
  private static final List<Map.Entry<Cidr, Restriction>> BLOCKS =
      List.of(
          block("0.0.0.0/8", Restriction.UNSPECIFIED),
          block("127.0.0.0/8", Restriction.LOOPBACK),
          block("169.254.169.254", Restriction.METADATA), // AWS, GCP, Azure, OCI, DigitalOcean …
          block("169.254.170.2", Restriction.METADATA), // AWS ECS task credentials
          block("169.254.170.23", Restriction.METADATA), // AWS EKS pod identity
          block("100.100.100.200", Restriction.METADATA), // Alibaba Cloud
          block("169.254.0.0/16", Restriction.LINK_LOCAL),
          block("10.0.0.0/8", Restriction.PRIVATE),
          block("172.16.0.0/12", Restriction.PRIVATE),
          block("192.168.0.0/16", Restriction.PRIVATE),
          block("100.64.0.0/10", Restriction.SHARED),
          block("192.0.0.0/24", Restriction.RESERVED), // IETF protocol assignments
          block("198.18.0.0/15", Restriction.RESERVED), // benchmarking
          block("224.0.0.0/4", Restriction.MULTICAST),
          block("255.255.255.255", Restriction.BROADCAST),
          block("240.0.0.0/4", Restriction.RESERVED),
          block("::", Restriction.UNSPECIFIED),
          block("::1", Restriction.LOOPBACK),
          block("fd00:ec2::254", Restriction.METADATA), // AWS over IPv6
          block("fe80::/10", Restriction.LINK_LOCAL),
          block("fec0::/10", Restriction.PRIVATE), // site-local, deprecated but still routed
          block("fc00::/7", Restriction.PRIVATE), // unique local
          block("ff00::/8", Restriction.MULTICAST),
          block("64:ff9b:1::/48", Restriction.RESERVED), // local-use NAT64
          block("100::/64", Restriction.RESERVED)); // discard-only

  private Addresses() {}

  /** Why {@code address} is not public, or empty when it is. */
  static Optional<Restriction> restriction(InetAddress address) {
    InetAddress judged = unmapped(address);
    for (var block : BLOCKS) {
      if (block.getKey().contains(judged)) {
        return Optional.of(block.getValue());
      }
    }
    return Optional.empty();
  }

  /** The IPv4 address an IPv6 address carries (see the class comment), else the address. */
  static InetAddress unmapped(InetAddress address) {
    if (address instanceof Inet4Address) {
      return address;
    }
    byte[] b = address.getAddress();
    byte[] v4 = null;
    if (zero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
      v4 = slice(b, 12); // ::ffff:a.b.c.d
    } else if (zero(b, 0, 12) && !(zero(b, 12, 15) && (b[15] == 0 || b[15] == 1))) {
      v4 = slice(b, 12); // ::a.b.c.d, but not :: and ::1
    } else if (word(b, 0) == 0x64 && word(b, 2) == 0xff9b && zero(b, 4, 12)) {
      v4 = slice(b, 12); // 64:ff9b::a.b.c.d
    } else if (word(b, 0) == 0x2002) {
      v4 = slice(b, 2); // 2002:aabb:ccdd::
    } else if (word(b, 0) == 0x2001 && word(b, 2) == 0) {
      v4 = slice(b, 12); // Teredo: the client's address, every bit flipped
      for (int i = 0; i < 4; i++) {
        v4[i] = (byte) ~v4[i];
      }
    }
    if (v4 == null) {
      return address;
    }
    try {
      return InetAddress.getByAddress(v4);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are always an IPv4 address", e);
    }
  }

  /** Whether {@code address} reaches this machine: loopback, unspecified or one of its own. */
  static boolean isThisMachine(InetAddress address) {
    InetAddress judged = unmapped(address);
    if (judged.isLoopbackAddress() || judged.isAnyLocalAddress()) {
      return true;
    }
    try {
      return NetworkInterface.getByInetAddress(judged) != null;
    } catch (SocketException e) {
      return false;
    }
  }

  private static Map.Entry<Cidr, Restriction> block(String cidr, Restriction restriction) {
    return Map.entry(Cidr.parse(cidr), restriction);
  }

  private static boolean zero(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static int word(byte[] bytes, int at) {
    return (bytes[at] & 0xff) << 8 | bytes[at + 1] & 0xff;
  }

  private static byte[] slice(byte[] bytes, int from) {
    return new byte[] {bytes[from], bytes[from + 1], bytes[from + 2], bytes[from + 3]};
  }
}
