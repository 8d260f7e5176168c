package org.embedwatch.net;

import java.net.InetAddress;

/**
 * Where an IP address leads. Anything but {@link #PUBLIC} is inside a machine or a private network (or is no single
 * destination at all), and is not fetched unless the operator allows it: a page, a feed or a platform's JSON naming
 * such an address must not make Embedwatch read a cloud metadata endpoint or an intranet page into its evidence.
 * IPv6 forms that carry an IPv4 address (mapped {@code ::ffff:a.b.c.d}, compatible {@code ::a.b.c.d}, NAT64
 * {@code 64:ff9b::a.b.c.d}, 6to4 {@code 2002:aabb:ccdd::}) are judged by the IPv4 address they carry.
 */
enum AddressScope {
  PUBLIC("a public address"),
  LOOPBACK("a loopback address"),
  LINK_LOCAL("a link-local address"),
  PRIVATE("a private address"),
  UNIQUE_LOCAL("a unique-local address"),
  SHARED("a shared (carrier-grade NAT) address"),
  MULTICAST("a multicast address"),
  UNSPECIFIED("an unspecified address"),
  BROADCAST("the broadcast address"),
  RESERVED("a reserved address");

  private final String description;

  AddressScope(String description) {
    this.description = description;
  }

  /** "a link-local address", for messages. */
  String description() {
    return description;
  }

  /** The scope of {@code address}. */
  static AddressScope of(InetAddress address) {
    return of(address.getAddress());
  }

  /** The scope of an address given as its 4 (IPv4) or 16 (IPv6) bytes in network order. */
  static AddressScope of(byte[] a) {
    if (a.length == 4) {
      return ofV4(a);
    }
    if (a.length != 16) {
      throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + a.length);
    }
    return ofV6(a);
  }

  private static AddressScope ofV4(byte[] a) {
    int b0 = a[0] & 0xff;
    int b1 = a[1] & 0xff;
    int b2 = a[2] & 0xff;
    if (b0 == 0) {
      return (a[1] | a[2] | a[3]) == 0 ? UNSPECIFIED : RESERVED; // 0.0.0.0, and "this network" 0/8
    }
    if (b0 == 127) {
      return LOOPBACK;
    }
    if (b0 == 10 || b0 == 172 && (b1 & 0xf0) == 16 || b0 == 192 && b1 == 168) {
      return PRIVATE;
    }
    if (b0 == 169 && b1 == 254) {
      return LINK_LOCAL;
    }
    if (b0 == 100 && (b1 & 0xc0) == 64) {
      return SHARED; // 100.64/10
    }
    if (b0 == 192 && b1 == 0 && b2 == 0) {
      return RESERVED; // IETF protocol assignments 192.0.0/24
    }
    if (b0 == 198 && (b1 & 0xfe) == 18) {
      return RESERVED; // benchmarking 198.18/15
    }
    if (b0 >= 224 && b0 <= 239) {
      return MULTICAST;
    }
    if (b0 == 255 && b1 == 255 && b2 == 255 && (a[3] & 0xff) == 255) {
      return BROADCAST;
    }
    if (b0 >= 240) {
      return RESERVED; // 240/4
    }
    return PUBLIC;
  }

  private static AddressScope ofV6(byte[] a) {
    if (zero(a, 0, 10) && (a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff) {
      return ofV4(slice(a, 12)); // ::ffff:a.b.c.d
    }
    if (zero(a, 0, 12)) {
      if (zero(a, 12, 15)) {
        return a[15] == 0 ? UNSPECIFIED : a[15] == 1 ? LOOPBACK : RESERVED; // ::, ::1
      }
      return ofV4(slice(a, 12)); // ::a.b.c.d (deprecated IPv4-compatible)
    }
    int b0 = a[0] & 0xff;
    int b1 = a[1] & 0xff;
    if (b0 == 0x00 && b1 == 0x64 && (a[2] & 0xff) == 0xff && (a[3] & 0xff) == 0x9b && zero(a, 4, 12)) {
      return ofV4(slice(a, 12)); // 64:ff9b::a.b.c.d (NAT64)
    }
    if (b0 == 0x20 && b1 == 0x02) {
      return ofV4(slice(a, 2)); // 2002:aabb:ccdd::/48 (6to4)
    }
    if (b0 == 0xff) {
      return MULTICAST;
    }
    if (b0 == 0xfe && (b1 & 0xc0) == 0x80) {
      return LINK_LOCAL; // fe80::/10
    }
    if (b0 == 0xfe && (b1 & 0xc0) == 0xc0) {
      return PRIVATE; // fec0::/10, the deprecated site-local block
    }
    if ((b0 & 0xfe) == 0xfc) {
      return UNIQUE_LOCAL; // fc00::/7
    }
    return PUBLIC;
  }

  private static boolean zero(byte[] a, int from, int to) {
    for (int i = from; i < to; i++) {
      if (a[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static byte[] slice(byte[] a, int from) {
    return new byte[] {a[from], a[from + 1], a[from + 2], a[from + 3]};
  }
}
