package org.embedwatch.testsupport;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.hc.client5.http.DnsResolver;
import org.embedwatch.config.AllowedAddresses;

/**
 * A DNS for tests that never asks the real one: names map to the addresses a test gives ({@code metadata.test} →
 * 169.254.169.254), IP literals are read as themselves, and any other name is unknown. Records every name asked.
 * Thread-safe.
 */
public final class MappedDns implements DnsResolver {
  private final Map<String, InetAddress[]> names = new ConcurrentHashMap<>();
  private final List<String> asked = new CopyOnWriteArrayList<>();

  /** Maps {@code name} to {@code addresses} (IP literals). */
  public MappedDns map(String name, String... addresses) {
    InetAddress[] resolved = new InetAddress[addresses.length];
    for (int i = 0; i < addresses.length; i++) {
      byte[] bytes = AllowedAddresses.literal(addresses[i])
          .orElseThrow(() -> new IllegalArgumentException("not an IP literal"));
      try {
        resolved[i] = InetAddress.getByAddress(name, bytes);
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException(e);
      }
    }
    names.put(name.toLowerCase(Locale.ROOT), resolved);
    return this;
  }

  /** Every name asked for, in order (IP literals included). */
  public List<String> asked() {
    return List.copyOf(asked);
  }

  @Override
  public InetAddress[] resolve(String host) throws UnknownHostException {
    asked.add(host);
    var literal = AllowedAddresses.literal(host);
    if (literal.isPresent()) {
      return new InetAddress[] {InetAddress.getByAddress(literal.get())};
    }
    InetAddress[] mapped = names.get(host.toLowerCase(Locale.ROOT));
    if (mapped == null) {
      throw new UnknownHostException(host + " (not mapped in this test's DNS)");
    }
    return mapped.clone();
  }

  @Override
  public String resolveCanonicalHostname(String host) throws UnknownHostException {
    return host;
  }
}
