package org.embedwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;

/** {@code net.allow-addresses}: IPs, IP:port, CIDR blocks and host names, parsed without any lookup. */
class AllowedAddressesTest {
  @TempDir Path work;

  private static InetAddress ip(String literal) throws Exception {
    return InetAddress.getByAddress(AllowedAddresses.literal(literal).orElseThrow());
  }

  @Test
  void anIpWithAPortAllowsThatPortOnly() throws Exception {
    AllowedAddresses allowed = AllowedAddresses.parse("127.0.0.1:8080");

    assertThat(allowed.allows(ip("127.0.0.1"), 8080)).isTrue();
    assertThat(allowed.allows(ip("127.0.0.1"), 8081)).isFalse();
    assertThat(allowed.allows(ip("127.0.0.2"), 8080)).isFalse();
    assertThat(allowed.allowsHost("127.0.0.1", 8080)).isTrue();
    assertThat(allowed.allowsHost("localhost", 8080)).as("a name is not its address").isFalse();
  }

  @Test
  void aBlockAllowsEveryAddressInsideIt() throws Exception {
    AllowedAddresses allowed = AllowedAddresses.parse(" 10.0.0.0/8 , fd00::/8, 192.168.1.7 ");

    assertThat(allowed.allows(ip("10.200.3.4"), 443)).isTrue();
    assertThat(allowed.allows(ip("11.0.0.1"), 443)).isFalse();
    assertThat(allowed.allows(ip("fd12::1"), 80)).isTrue();
    assertThat(allowed.allows(ip("fe80::1"), 80)).isFalse();
    assertThat(allowed.allows(ip("192.168.1.7"), 1)).isTrue();
    assertThat(allowed.allows(ip("192.168.1.8"), 1)).isFalse();
    assertThat(allowed.allows(ip("::ffff:10.1.1.1"), 80)).as("the mapped form is the IPv4 address").isTrue();
  }

  @Test
  void aBracketedIpv6AddressTakesAPort() throws Exception {
    AllowedAddresses allowed = AllowedAddresses.parse("[::1]:9000");

    assertThat(allowed.allows(ip("::1"), 9000)).isTrue();
    assertThat(allowed.allows(ip("::1"), 9001)).isFalse();
    assertThat(allowed.allowsHost("[::1]", 9000)).isTrue();
    assertThat(allowed.toString()).isEqualTo("[0:0:0:0:0:0:0:1]:9000");
  }

  @Test
  void aHostNameIsAllowedByNameWhateverItResolvesTo() throws Exception {
    AllowedAddresses allowed = AllowedAddresses.parse("Intranet.Corp:8443,wiki.corp");

    assertThat(allowed.allowsName("intranet.corp", 8443)).isTrue();
    assertThat(allowed.allowsName("intranet.corp", 443)).isFalse();
    assertThat(allowed.allowsName("WIKI.corp.", 80)).isTrue();
    assertThat(allowed.allowsName("evil.corp", 80)).isFalse();
    assertThat(allowed.allows(ip("10.0.0.5"), 8443)).as("a name allows no address by itself").isFalse();
  }

  @Test
  void nothingIsAllowedByDefault() throws Exception {
    Settings settings = new SettingsLoader(work).load(Optional.empty(), List.of());

    assertThat(settings.net().allowAddresses().entries()).isEmpty();
    assertThat(settings.net().allowAddresses().allows(ip("127.0.0.1"), 80)).isFalse();
  }

  @Test
  void aBadEntryIsAOneLineConfigurationError() {
    for (String bad : List.of("10.0.0.0/33", "300.1.1.1", "[::1", "127.0.0.1:0", "127.0.0.1:70000", "a b", "fd00::/129",
        "under_score.example")) {
      assertThatThrownBy(() -> new SettingsLoader(work).load(Optional.empty(), List.of("net.allow-addresses=" + bad)))
          .as(bad).isInstanceOf(ConfigException.class)
          .hasMessageStartingWith("net.allow-addresses in built-in defaults: '")
          .hasMessageNotContaining("\n");
    }
  }
}
