package io.aispine.agents.outbound;

/** Why an IP address is not on the public internet, and so not reached unless allowed. */
public enum Restriction {
  /** {@code 127.0.0.0/8}, {@code ::1}: this machine. */
  LOOPBACK("a loopback address (this machine)"),
  /** {@code 0.0.0.0/8}, {@code ::}: connecting to it reaches this machine. */
  UNSPECIFIED("an unspecified address (connecting to it reaches this machine)"),
  /** Where clouds serve instance credentials: {@code 169.254.169.254}, {@code fd00:ec2::254} … */
  METADATA("a cloud metadata address"),
  /** {@code 169.254.0.0/16}, {@code fe80::/10}. */
  LINK_LOCAL("a link-local address"),
  /** {@code 10/8}, {@code 172.16/12}, {@code 192.168/16}, {@code fc00::/7}, {@code fec0::/10}. */
  PRIVATE("a private network address"),
  /** {@code 100.64.0.0/10}, carrier-grade NAT. */
  SHARED("a shared (carrier-grade NAT) address"),
  /** {@code 224.0.0.0/4}, {@code ff00::/8}. */
  MULTICAST("a multicast address"),
  /** {@code 255.255.255.255}. */
  BROADCAST("the broadcast address"),
  /** Special-purpose blocks that are no public host: {@code 240.0.0.0/4}, {@code 198.18/15} … */
  RESERVED("a reserved special-purpose address");

  private final String description;

  Restriction(String description) {
    this.description = description;
  }

  /** What the address is, for messages: "a loopback address (this machine)". */
  public String description() {
    return description;
  }
}
