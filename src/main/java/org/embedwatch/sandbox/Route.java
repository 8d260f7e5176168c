package org.embedwatch.sandbox;

/** How one simulated host answers. Implementations are thread-safe. */
interface Route {

  /** The answer to {@code request}, whose {@link RecordedRequest#hostPath()} is on this route's host. */
  Answer answer(RecordedRequest request);

  /** How this host renders an injected failure status (e.g. syndication's text/plain 429, v1.1's code 88). */
  Answer.Reply failure(int status);

  /**
   * The answer to {@code request} for an active global fault. A host serving several APIs (v1.1 and v2 on
   * api.twitter.com) renders it the way the API asked for does; by default, as {@link #faulted(Fault)}.
   */
  default Answer faulted(Fault fault, RecordedRequest request) {
    return faulted(fault);
  }

  /** The answer for an active fault. */
  default Answer faulted(Fault fault) {
    return switch (fault.kind()) {
      case TIMEOUT -> new Answer.Hold();
      case STATUS -> failure(fault.status()).withHeaders(fault.headers());
      case NONE -> throw new IllegalArgumentException("no fault to answer with: " + fault);
    };
  }
}
