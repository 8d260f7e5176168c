package org.embedwatch.sandbox;

/**
 * {@code api.twitter.com} and {@code api.x.com}: sends {@code /2/…} to the v2 route and everything else
 * ({@code /1.1/…}) to the v1.1 route, faults included, so each API answers in its own shape. Thread-safe.
 */
final class XApiRoute implements Route {
  private final Route v1;
  private final Route v2;

  XApiRoute(Route v1, Route v2) {
    this.v1 = v1;
    this.v2 = v2;
  }

  private Route routeFor(RecordedRequest request) {
    return request.hostPath().startsWith("/2/") ? v2 : v1;
  }

  @Override
  public Answer answer(RecordedRequest request) {
    return routeFor(request).answer(request);
  }

  @Override
  public Answer faulted(Fault fault, RecordedRequest request) {
    return routeFor(request).faulted(fault, request);
  }

  /** Without a request to say which API was asked, v1.1's shape (the older default of this host). */
  @Override
  public Answer.Reply failure(int status) {
    return v1.failure(status);
  }
}
