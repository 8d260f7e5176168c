package org.embedwatch.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.io.DetachedSocketFactory;
import org.embedwatch.config.AllowedAddresses;

/**
 * The sockets of the checked client: each one, as it is about to connect, looks at the address it was given (the
 * address resolved for this very connection, so a name that resolved to a public address a moment ago and now
 * resolves to 127.0.0.1 is caught) and refuses, before sending anything, an address that is not
 * {@link AddressScope#PUBLIC} unless {@code net.allow-addresses} allows it.
 */
final class GuardedSockets implements DetachedSocketFactory {
  private final AllowedAddresses allowed;

  GuardedSockets(AllowedAddresses allowed) {
    this.allowed = allowed;
  }

  @Override
  public Socket create(Proxy proxy) {
    return new GuardedSocket(proxy == null ? Proxy.NO_PROXY : proxy, allowed);
  }

  /** Throws when a connection to {@code endpoint} must not be made. */
  static void check(SocketAddress endpoint, AllowedAddresses allowed) throws IOException {
    if (!(endpoint instanceof InetSocketAddress inet) || inet.getAddress() == null) {
      throw new UnknownHostException("not a resolved address: " + endpoint);
    }
    AddressScope scope = AddressScope.of(inet.getAddress());
    if (scope != AddressScope.PUBLIC && !allowed.allows(inet.getAddress(), inet.getPort())) {
      throw new RefusedAddressException(inet.getAddress(), inet.getPort(), scope);
    }
  }

  /** A plain socket that checks its address before it connects. */
  private static final class GuardedSocket extends Socket {
    private final AllowedAddresses allowed;

    GuardedSocket(Proxy proxy, AllowedAddresses allowed) {
      super(proxy);
      this.allowed = allowed;
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
      check(endpoint, allowed);
      super.connect(endpoint, timeout);
    }
  }
}
