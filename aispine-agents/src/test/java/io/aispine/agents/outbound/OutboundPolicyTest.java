package io.aispine.agents.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The outbound policy on its own: ranges, spellings, IPv6 forms, the allowlist, own port. */
class OutboundPolicyTest {

  private static final OutboundPolicy PUBLIC_ONLY =
      OutboundPolicy.publicOnly(OutboundAllowlist.none());

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "127.0.0.1, LOOPBACK",
    "127.255.255.254, LOOPBACK",
    "0.0.0.0, UNSPECIFIED",
    "0.1.2.3, UNSPECIFIED",
    "169.254.169.254, METADATA",
    "169.254.170.2, METADATA",
    "100.100.100.200, METADATA",
    "169.254.0.1, LINK_LOCAL",
    "169.254.255.255, LINK_LOCAL",
    "10.0.0.1, PRIVATE",
    "10.255.255.255, PRIVATE",
    "172.16.0.1, PRIVATE",
    "172.31.255.255, PRIVATE",
    "192.168.0.1, PRIVATE",
    "192.168.255.255, PRIVATE",
    "100.64.0.1, SHARED",
    "100.127.255.255, SHARED",
    "224.0.0.1, MULTICAST",
    "239.255.255.250, MULTICAST",
    "255.255.255.255, BROADCAST",
    "240.0.0.1, RESERVED",
    "198.18.0.1, RESERVED",
    "192.0.0.8, RESERVED",
    "::1, LOOPBACK",
    "::, UNSPECIFIED",
    "fe80::1, LINK_LOCAL",
    "febf:ffff::1, LINK_LOCAL",
    "fc00::1, PRIVATE",
    "fd12:3456::1, PRIVATE",
    "fec0::1, PRIVATE",
    "fd00:ec2::254, METADATA",
    "ff02::1, MULTICAST",
    "64:ff9b:1::1, RESERVED",
  })
  void denies_every_restricted_range_naming_what_the_address_is(String address, Restriction why)
      throws Exception {
    InetAddress parsed = InetAddress.getByName(address);

    assertThat(Addresses.restriction(parsed)).contains(why);
    assertThat(PUBLIC_ONLY.denial(address, parsed, 80))
        .hasValueSatisfying(
            message ->
                assertThat(message)
                    .contains(
                        parsed.getHostAddress(), why.description(), "AISPINE_OUTBOUND_ALLOW"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "8.8.8.8",
        "1.1.1.1",
        "172.15.255.255", // just below 172.16/12
        "172.32.0.0", // just above it
        "100.63.255.255", // just below 100.64/10
        "100.128.0.0", // just above it
        "169.253.255.255",
        "11.0.0.1",
        "192.169.0.1",
        "2606:4700:4700::1111",
        "2002:808:808::1", // 6to4 of 8.8.8.8
      })
  void allows_public_addresses(String address) throws Exception {
    InetAddress parsed = InetAddress.getByName(address);

    assertThat(Addresses.restriction(parsed)).isEmpty();
    assertThat(PUBLIC_ONLY.denial(address, parsed, 443)).isEmpty();
  }

  @ParameterizedTest(name = "{0} carries {1}")
  @CsvSource({
    "00000000000000000000ffff7f000001, LOOPBACK", // ::ffff:127.0.0.1
    "00000000000000000000ffffa9fea9fe, METADATA", // ::ffff:169.254.169.254
    "00000000000000000000ffff0a000001, PRIVATE", // ::ffff:10.0.0.1
    "00000000000000000000ffff00000000, UNSPECIFIED", // ::ffff:0.0.0.0
    "0000000000000000000000007f000001, LOOPBACK", // ::127.0.0.1 (IPv4-compatible)
    "0064ff9b0000000000000000a9fea9fe, METADATA", // 64:ff9b::169.254.169.254 (NAT64)
    "20027f00000100000000000000000000, LOOPBACK", // 2002:7f00:1:: (6to4 of 127.0.0.1)
    "2002c0a8000100000000000000000000, PRIVATE", // 2002:c0a8:1:: (6to4 of 192.168.0.1)
    "200100004136e378800063bf80fffffe, LOOPBACK", // Teredo, client 127.0.0.1 (bits flipped)
  })
  void judges_ipv6_forms_by_the_ipv4_address_they_carry(String hex, Restriction why)
      throws Exception {
    // Inet6Address.getByAddress keeps the IPv6 form; InetAddress.getByName would unwrap some.
    InetAddress v6 = Inet6Address.getByAddress(null, HexFormat.of().parseHex(hex), null);

    assertThat(v6).isInstanceOf(Inet6Address.class);
    assertThat(Addresses.restriction(v6)).contains(why);
    assertThat(PUBLIC_ONLY.denial("example.com", v6, 80)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2130706433", // decimal 127.0.0.1
        "127.1", // short form
        "127.000.000.001",
        "0", // 0.0.0.0, which Linux connects to this machine
        "[::1]",
        "::ffff:127.0.0.1",
        "[::ffff:7f00:1]",
        "localhost",
        "LOCALHOST.",
        "0x7f000001", // hex: not an address to Java, so a name that must resolve
        "0177.0.0.1", // read as 177.0.0.1, which is what would be connected to
        "017700000001",
      })
  void denies_odd_spellings_of_loopback_by_the_address_they_resolve_to(String host) {
    // Whatever the spelling, the address InetAddress makes of it is judged, and only that
    // address is ever connected to: "0177.0.0.1" is 177.0.0.1 to Java, a public address, and
    // that is where a request would go, not 127.0.0.1.
    try {
      List<InetAddress> addresses = PUBLIC_ONLY.resolve(host, 80);
      assertThat(addresses).allSatisfy(a -> assertThat(Addresses.restriction(a)).isEmpty());
      assertThat(addresses).noneSatisfy(a -> assertThat(a.isLoopbackAddress()).isTrue());
    } catch (OutboundDeniedException denied) {
      assertThat(denied.getMessage()).contains("denied");
    } catch (UnknownHostException unknown) {
      // not an address and no name: nothing is connected to
    }
  }

  @Test
  void denies_decimal_loopback_naming_the_address_and_the_setting() {
    assertThatThrownBy(() -> PUBLIC_ONLY.resolve("2130706433", 8080))
        .isInstanceOfSatisfying(
            OutboundDeniedException.class,
            e ->
                assertThat(e.getMessage())
                    .contains(
                        "2130706433:8080",
                        "127.0.0.1 is a loopback address",
                        "add '127.0.0.1:8080' to AISPINE_OUTBOUND_ALLOW"));
  }

  @Test
  void denies_a_name_when_any_of_its_addresses_is_denied() {
    OutboundPolicy policy = PUBLIC_ONLY.withResolver(answering("8.8.8.8", "10.0.0.1"));

    assertThatThrownBy(() -> policy.resolve("mixed.example", 80))
        .isInstanceOf(OutboundDeniedException.class)
        .hasMessageContaining("mixed.example:80 (10.0.0.1)")
        .hasMessageContaining("add 'mixed.example:80' to AISPINE_OUTBOUND_ALLOW");
  }

  @Test
  void resolves_a_host_once_and_returns_the_addresses_it_checked() throws Exception {
    var calls = new int[1];
    OutboundPolicy policy =
        PUBLIC_ONLY.withResolver(
            host -> {
              calls[0]++;
              return List.of(InetAddress.getByName("93.184.215.14"));
            });

    assertThat(policy.resolve("example.com", 443))
        .containsExactly(InetAddress.getByName("93.184.215.14"));
    assertThat(calls[0]).isEqualTo(1);
  }

  @Test
  void the_allowlist_opens_hosts_blocks_and_ports() throws Exception {
    OutboundPolicy policy =
        OutboundPolicy.publicOnly(
                OutboundAllowlist.parse(
                    "10.0.0.0/8, agents.internal:8080, 127.0.0.1:9000, [::1]:9001, 192.168.1.5"))
            .withResolver(
                host ->
                    List.of(
                        InetAddress.getByName(
                            host.equals("agents.internal") ? "172.20.0.7" : host)));

    assertThat(policy.resolve("10.1.2.3", 1234)).hasSize(1);
    assertThat(policy.resolve("agents.internal", 8080)).hasSize(1);
    assertThat(policy.resolve("AGENTS.INTERNAL.", 8080)).hasSize(1);
    assertThat(policy.resolve("127.0.0.1", 9000)).hasSize(1);
    assertThat(policy.resolve("::1", 9001)).hasSize(1);
    assertThat(policy.resolve("192.168.1.5", 22)).hasSize(1);
    assertThatThrownBy(() -> policy.resolve("agents.internal", 8081))
        .isInstanceOf(OutboundDeniedException.class);
    assertThatThrownBy(() -> policy.resolve("127.0.0.1", 9001))
        .isInstanceOf(OutboundDeniedException.class);
    assertThatThrownBy(() -> policy.resolve("192.168.1.6", 22))
        .isInstanceOf(OutboundDeniedException.class);
    assertThatThrownBy(() -> policy.resolve("172.20.0.7", 8080))
        .as("a name is allowed, not the address it happens to resolve to")
        .isInstanceOf(OutboundDeniedException.class);
  }

  @Test
  void a_metadata_address_is_opened_only_by_naming_it() throws Exception {
    OutboundPolicy broad = OutboundPolicy.publicOnly(OutboundAllowlist.parse("169.254.0.0/16"));
    OutboundPolicy exact = OutboundPolicy.publicOnly(OutboundAllowlist.parse("169.254.169.254"));

    assertThat(broad.resolve("169.254.10.10", 80)).hasSize(1);
    assertThatThrownBy(() -> broad.resolve("169.254.169.254", 80))
        .isInstanceOf(OutboundDeniedException.class)
        .hasMessageContaining("a cloud metadata address")
        .hasMessageContaining("add '169.254.169.254:80'");
    assertThat(exact.resolve("169.254.169.254", 80)).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"10.0.0.0/33", "10.0.0.0/x", "host:0", "host:70000", "[::1", "a b", "::1/200"})
  void rejects_an_allowlist_entry_it_cannot_read_naming_it(String entry) {
    assertThatThrownBy(() -> OutboundPolicy.allowlistFrom(Map.of("AISPINE_OUTBOUND_ALLOW", entry)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("AISPINE_OUTBOUND_ALLOW")
        .hasMessageContaining(entry.strip());
  }

  @Test
  void a_local_process_reaches_loopback_but_nothing_private() throws Exception {
    OutboundPolicy local = OutboundPolicy.localProcess(OutboundAllowlist.none());

    assertThat(local.resolve("127.0.0.1", 9325)).hasSize(1);
    assertThat(local.resolve("localhost", 8080)).isNotEmpty();
    assertThatThrownBy(() -> local.resolve("10.0.0.1", 80))
        .isInstanceOf(OutboundDeniedException.class);
    assertThatThrownBy(() -> local.resolve("169.254.169.254", 80))
        .isInstanceOf(OutboundDeniedException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2", ""})
  void a_server_on_loopback_only_reaches_loopback_but_never_its_own_port(String listenHost)
      throws Exception {
    OutboundPolicy server =
        OutboundPolicy.forServer(listenHost, () -> 9325, OutboundAllowlist.none());

    assertThat(server.loopbackAllowed()).isTrue();
    assertThat(server.resolve("127.0.0.1", 8080)).hasSize(1);
    for (String own :
        List.of("127.0.0.1", "localhost", "::1", "2130706433", "0.0.0.0", "127.9.9.9")) {
      assertThatThrownBy(() -> server.resolve(own, 9325))
          .as(own)
          .isInstanceOf(OutboundDeniedException.class)
          .hasMessageContaining("this server's own port, which no setting allows");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0", "::", "10.0.0.5", "aispine.example.com"})
  void a_server_on_any_other_interface_reaches_only_public_and_listed_targets(String listenHost) {
    OutboundPolicy server =
        OutboundPolicy.forServer(listenHost, () -> 9325, OutboundAllowlist.none());

    assertThat(server.loopbackAllowed()).isFalse();
    assertThatThrownBy(() -> server.resolve("127.0.0.1", 8080))
        .isInstanceOf(OutboundDeniedException.class)
        .hasMessageContaining("127.0.0.1 is a loopback address");
  }

  @Test
  void no_allowlist_entry_opens_the_servers_own_port() {
    OutboundPolicy server =
        OutboundPolicy.forServer(
            "0.0.0.0", () -> 9325, OutboundAllowlist.parse("127.0.0.0/8,127.0.0.1:9325,localhost"));

    assertThatCode(() -> server.resolve("127.0.0.1", 8080)).doesNotThrowAnyException();
    assertThatThrownBy(() -> server.resolve("127.0.0.1", 9325))
        .isInstanceOf(OutboundDeniedException.class)
        .hasMessageContaining("own port");
    assertThatThrownBy(() -> server.resolve("localhost", 9325))
        .isInstanceOf(OutboundDeniedException.class);
  }

  @Test
  void a_server_not_yet_listening_on_a_free_port_has_no_own_port_to_refuse() throws Exception {
    OutboundPolicy server =
        OutboundPolicy.forServer("127.0.0.1", () -> 0, OutboundAllowlist.none());

    assertThat(server.resolve("127.0.0.1", 9325)).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "file:///etc/passwd",
        "ftp://example.com/x",
        "gopher://127.0.0.1:6379/_",
        "jar:http://example.com/a.jar!/",
        "dict://127.0.0.1:11211/"
      })
  void denies_every_scheme_but_http_and_https(String url) {
    assertThatThrownBy(() -> PUBLIC_ONLY.checkUrl(URI.create(url)))
        .isInstanceOf(OutboundDeniedException.class)
        .hasMessageContaining("only http:// and https:// URLs are requested");
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://example.com/", "HTTPS://example.com:8443/x"})
  void accepts_http_and_https_urls(String url) {
    assertThatCode(() -> PUBLIC_ONLY.checkUrl(URI.create(url))).doesNotThrowAnyException();
  }

  private static OutboundPolicy.Resolver answering(String... addresses) {
    return host -> {
      var result = new java.util.ArrayList<InetAddress>();
      for (String address : addresses) {
        result.add(InetAddress.getByName(address));
      }
      return result;
    };
  }
}
