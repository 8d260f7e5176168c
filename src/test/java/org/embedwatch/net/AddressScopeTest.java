package org.embedwatch.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.embedwatch.config.AllowedAddresses;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which addresses are internal: IPv4, IPv6, and the IPv6 forms that carry an IPv4 address. */
class AddressScopeTest {
  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
      "127.0.0.1, LOOPBACK",
      "127.255.3.4, LOOPBACK",
      "10.0.0.5, PRIVATE",
      "172.16.0.1, PRIVATE",
      "172.31.255.255, PRIVATE",
      "172.32.0.1, PUBLIC",
      "172.15.255.255, PUBLIC",
      "192.168.1.1, PRIVATE",
      "192.169.1.1, PUBLIC",
      "169.254.169.254, LINK_LOCAL",
      "100.64.0.1, SHARED",
      "100.127.255.255, SHARED",
      "100.128.0.1, PUBLIC",
      "0.0.0.0, UNSPECIFIED",
      "0.1.2.3, RESERVED",
      "224.0.0.1, MULTICAST",
      "239.255.255.250, MULTICAST",
      "255.255.255.255, BROADCAST",
      "240.0.0.1, RESERVED",
      "198.18.0.1, RESERVED",
      "192.0.0.8, RESERVED",
      "8.8.8.8, PUBLIC",
      "93.184.216.34, PUBLIC",
      "::1, LOOPBACK",
      "::, UNSPECIFIED",
      "fe80::1, LINK_LOCAL",
      "febf:ffff::1, LINK_LOCAL",
      "fec0::1, PRIVATE",
      "fc00::1, UNIQUE_LOCAL",
      "fd12:3456::1, UNIQUE_LOCAL",
      "ff02::1, MULTICAST",
      "2001:4860:4860::8888, PUBLIC",
      "2606:4700::1111, PUBLIC",
      "::ffff:127.0.0.1, LOOPBACK",
      "::ffff:169.254.169.254, LINK_LOCAL",
      "::ffff:10.1.2.3, PRIVATE",
      "::ffff:8.8.8.8, PUBLIC",
      "::127.0.0.1, LOOPBACK",
      "::169.254.169.254, LINK_LOCAL",
      "64:ff9b::a9fe:a9fe, LINK_LOCAL",
      "64:ff9b::808:808, PUBLIC",
      "2002:7f00:1::, LOOPBACK",
      "2002:a9fe:a9fe::1, LINK_LOCAL",
      "2002:0808:0808::1, PUBLIC"
  })
  void eachAddressHasItsScope(String literal, AddressScope scope) {
    byte[] bytes = AllowedAddresses.literal(literal).orElseThrow();
    assertThat(AddressScope.of(bytes)).isEqualTo(scope);
  }

  @ParameterizedTest(name = "the mapped form of {0} is judged as {0}")
  @CsvSource({"127.0.0.1", "169.254.169.254", "10.0.0.5", "8.8.8.8", "100.64.1.1"})
  void aMappedAddressGivenAsSixteenBytesIsJudgedByItsIpv4Address(String v4) throws UnknownHostException {
    byte[] four = InetAddress.getByName(v4).getAddress();
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xff;
    mapped[11] = (byte) 0xff;
    System.arraycopy(four, 0, mapped, 12, 4);

    assertThat(AddressScope.of(mapped)).isEqualTo(AddressScope.of(four));
  }
}
