package org.embedwatch.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import org.embedwatch.config.AllowedAddresses;

/**
 * A connection not made: its address is {@link AddressScope internal} and {@code net.allow-addresses} does not allow
 * it. Thrown before the socket connects, so nothing was sent to it.
 */
final class RefusedAddressException extends IOException {
  private final InetAddress address;
  private final AddressScope scope;

  RefusedAddressException(InetAddress address, int port, AddressScope scope) {
    super(address.getHostAddress() + ":" + port + " is " + scope.description() + "; not connected");
    this.address = address;
    this.scope = scope;
  }

  /** The address refused. */
  InetAddress address() {
    return address;
  }

  AddressScope scope() {
    return scope;
  }

  /**
   * The operator's line for a request for {@code uri} refused so: "metadata.test resolves to 169.254.169.254, a
   * link-local address; not fetched (allow it with net.allow-addresses)", or "169.254.169.254 is a link-local
   * address; …" when the address was given literally.
   */
  String messageFor(URI uri) {
    String host = uri.getHost();
    boolean literal = AllowedAddresses.literal(host).isPresent();
    return (literal ? host + " is " : host + " resolves to " + address.getHostAddress() + ", ") + scope.description()
        + "; not fetched (allow it with net.allow-addresses)";
  }
}
