package io.aispine.agents.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * A block of IP addresses in CIDR notation ({@code 10.0.0.0/8}, {@code fc00::/7}).
 *
 * @param network the block's first address
 * @param prefix how many leading bits every address of the block shares with {@code network}
 */
public record Cidr(InetAddress network, int prefix) {

  public Cidr {
    Objects.requireNonNull(network, "network");
    int bits = network.getAddress().length * 8;
    if (prefix < 0 || prefix > bits) {
      throw new IllegalArgumentException(
          "a prefix of "
              + network.getHostAddress()
              + " must be from 0 to "
              + bits
              + ", was "
              + prefix);
    }
  }

  /**
   * Parses {@code address/prefix}, or a single address (a block of one). Only numeric addresses are
   * read; nothing is looked up.
   */
  public static Cidr parse(String text) {
    String trimmed = text.strip();
    int slash = trimmed.indexOf('/');
    String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
    InetAddress network = literal(address);
    if (network == null) {
      throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block");
    }
    int bits = network.getAddress().length * 8;
    if (slash < 0) {
      return new Cidr(network, bits);
    }
    try {
      return new Cidr(network, Integer.parseInt(trimmed.substring(slash + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' has no whole-number prefix after '/'", e);
    }
  }

  /** Whether {@code address} lies in this block; an IPv4-mapped IPv6 address counts as IPv4. */
  public boolean contains(InetAddress address) {
    byte[] candidate = Addresses.unmapped(address).getAddress();
    byte[] base = network.getAddress();
    if (candidate.length != base.length) {
      return false;
    }
    int whole = prefix / 8;
    for (int i = 0; i < whole; i++) {
      if (candidate[i] != base[i]) {
        return false;
      }
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = 0xff << (8 - rest) & 0xff;
    return (candidate[whole] & mask) == (base[whole] & mask);
  }

  /** Whether the block is a single address. */
  public boolean isSingleAddress() {
    return prefix == network.getAddress().length * 8;
  }

  /**
   * The address written as a numeric IPv4 or IPv6 literal, or null for anything else (a host name,
   * a decimal or hex spelling): lists are read strictly, unlike the hosts of URLs.
   */
  static InetAddress literal(String text) {
    String address =
        text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    boolean v4 = address.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    boolean v6 = address.contains(":") && address.matches("[0-9A-Fa-f:.]+");
    if (!v4 && !v6) {
      return null;
    }
    try {
      // a numeric literal is parsed, never looked up
      return InetAddress.getByName(address);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return network.getHostAddress() + "/" + prefix;
  }
}
