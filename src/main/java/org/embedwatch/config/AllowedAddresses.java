package org.embedwatch.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code net.allow-addresses} exceptions: destinations the operator allows although their address is loopback,
 * private, link-local or otherwise internal. Each entry is an IP address ({@code 10.0.0.5}, {@code fd00::5}), an IP
 * with a port ({@code 127.0.0.1:8080}, {@code [::1]:8080}), a CIDR block ({@code 10.0.0.0/8}, {@code fd00::/8}) or a
 * host name with or without a port ({@code intranet.corp}, {@code intranet.corp:8443}). Parsing never looks a name up.
 * Immutable.
 */
public record AllowedAddresses(List<Entry> entries) {
  /** One exception. */
  public sealed interface Entry {}

  /**
   * Addresses in one block.
   *
   * @param network the block's first address, in network byte order (4 or 16 bytes)
   * @param prefix how many leading bits must match
   * @param port the one port allowed, or -1 for every port
   */
  public record Block(byte[] network, int prefix, int port) implements Entry {
    public Block {
      network = network.clone();
    }

    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      for (int bit = 0; bit < prefix; bit++) {
        int mask = 0x80 >>> (bit % 8);
        if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * A host name (lower case), whatever it resolves to.
   *
   * @param port the one port allowed, or -1 for every port
   */
  public record Host(String name, int port) implements Entry {}

  private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern HOST_NAME =
      Pattern.compile("(?i)[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?)*\\.?");
  private static final Pattern WITH_PORT = Pattern.compile("(.*):(\\d{1,5})");
  private static final Pattern BRACKETED = Pattern.compile("\\[([^\\]]+)](?::(\\d{1,5}))?");

  public AllowedAddresses {
    entries = List.copyOf(entries);
  }

  /** No exception at all: the default. */
  public static AllowedAddresses none() {
    return new AllowedAddresses(List.of());
  }

  /**
   * Parses a comma-separated list (blank: none).
   *
   * @throws IllegalArgumentException naming the entry that is none of the forms
   */
  public static AllowedAddresses parse(String value) {
    List<Entry> out = new ArrayList<>();
    for (String raw : value.split(",")) {
      String entry = raw.strip();
      if (!entry.isEmpty()) {
        out.add(entry(entry));
      }
    }
    return new AllowedAddresses(out);
  }

  private static Entry entry(String entry) {
    Matcher bracketed = BRACKETED.matcher(entry);
    if (bracketed.matches()) {
      byte[] v6 = literal(bracketed.group(1)).filter(b -> b.length == 16)
          .orElseThrow(() -> bad(entry, "not an IPv6 address in brackets"));
      return new Block(v6, 128, port(entry, bracketed.group(2)));
    }
    int slash = entry.indexOf('/');
    if (slash >= 0) {
      byte[] network = literal(entry.substring(0, slash)).orElseThrow(() -> bad(entry, "not an IP block"));
      int prefix;
      try {
        prefix = Integer.parseInt(entry.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw bad(entry, "the prefix length is not a number");
      }
      if (prefix < 0 || prefix > network.length * 8) {
        throw bad(entry, "the prefix length must be 0 to " + network.length * 8);
      }
      return new Block(network, prefix, -1);
    }
    Optional<byte[]> whole = literal(entry);
    if (whole.isPresent()) {
      return new Block(whole.get(), whole.get().length * 8, -1);
    }
    String host = entry;
    String port = null;
    Matcher withPort = WITH_PORT.matcher(entry);
    if (withPort.matches() && !withPort.group(1).contains(":")) {
      host = withPort.group(1);
      port = withPort.group(2);
    }
    Optional<byte[]> address = literal(host);
    if (address.isPresent()) {
      return new Block(address.get(), address.get().length * 8, port(entry, port));
    }
    if (!HOST_NAME.matcher(host).matches() || IPV4.matcher(host).matches()) {
      throw bad(entry, "not an IP address, IP:port, CIDR block or host name");
    }
    return new Host(strip(host.toLowerCase(Locale.ROOT)), port(entry, port));
  }

  private static int port(String entry, String port) {
    if (port == null) {
      return -1;
    }
    int n = Integer.parseInt(port);
    if (n < 1 || n > 65535) {
      throw bad(entry, "the port must be 1 to 65535");
    }
    return n;
  }

  private static IllegalArgumentException bad(String entry, String why) {
    return new IllegalArgumentException("'" + entry + "' is " + (why.startsWith("not") ? "" : "wrong: ") + why
        + " (write e.g. 10.0.0.5, 127.0.0.1:8080, [::1]:8080, 10.0.0.0/8, fd00::/8 or intranet.corp:8443)");
  }

  private static String strip(String host) {
    return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
  }

  /**
   * The bytes of an IP literal (dotted-quad IPv4, or IPv6 with colons), or empty when {@code text} is not one. Never
   * looks anything up.
   */
  public static Optional<byte[]> literal(String text) {
    String s = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    Matcher v4 = IPV4.matcher(s);
    if (v4.matches()) {
      byte[] b = new byte[4];
      for (int i = 0; i < 4; i++) {
        int octet = Integer.parseInt(v4.group(i + 1));
        if (octet > 255) {
          return Optional.empty();
        }
        b[i] = (byte) octet;
      }
      return Optional.of(b);
    }
    if (!s.contains(":") || !s.matches("[0-9A-Fa-f:.]+")) {
      return Optional.empty();
    }
    try {
      // With a colon and only hex digits, colons and dots, this parses a literal; it never asks DNS.
      return Optional.of(InetAddress.getByName(s).getAddress());
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /** Whether the operator allows a connection to {@code address} on {@code port}. */
  public boolean allows(InetAddress address, int port) {
    byte[] bytes = address.getAddress();
    for (Entry e : entries) {
      if (e instanceof Block b && (b.port() < 0 || b.port() == port) && b.contains(bytes)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the operator named {@code host} (a host name, not an IP literal) on {@code port}: such a host is asked
   * whatever it resolves to.
   */
  public boolean allowsName(String host, int port) {
    String name = strip(host.toLowerCase(Locale.ROOT));
    for (Entry e : entries) {
      if (e instanceof Host h && h.name().equals(name) && (h.port() < 0 || h.port() == port)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a request to {@code host} (a name or an IP literal, as in a URL) on {@code port} is allowed by some entry
   * without resolving anything: a named host, or an IP literal inside an allowed block.
   */
  public boolean allowsHost(String host, int port) {
    Optional<byte[]> address = literal(host);
    if (address.isEmpty()) {
      return allowsName(host, port);
    }
    try {
      return allows(InetAddress.getByAddress(address.get()), port);
    } catch (UnknownHostException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    List<String> shown = new ArrayList<>();
    for (Entry e : entries) {
      if (e instanceof Host h) {
        shown.add(h.name() + (h.port() < 0 ? "" : ":" + h.port()));
      } else {
        Block b = (Block) e;
        String ip;
        try {
          ip = InetAddress.getByAddress(b.network()).getHostAddress();
        } catch (UnknownHostException ex) {
          ip = "?";
        }
        boolean v6 = b.network().length == 16;
        boolean single = b.prefix() == b.network().length * 8;
        shown.add(single && b.port() >= 0 ? (v6 ? "[" + ip + "]" : ip) + ":" + b.port()
            : single ? ip : ip + "/" + b.prefix());
      }
    }
    return String.join(",", shown);
  }
}
