package org.embedwatch.capture;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A request to stop a run early (Ctrl-C): the run starts no new post check or article once it is requested, and lets
 * the checks already running finish and commit. Thread-safe: any thread requests, the run's threads ask.
 */
public final class StopToken {
  private final AtomicReference<String> reason = new AtomicReference<>();
  private final Runnable onRequest;

  /** A token nobody has asked to stop yet. */
  public StopToken() {
    this(() -> { });
  }

  /** A token nobody has asked to stop yet, which runs {@code onRequest} at the first request (a daemon's wake-up). */
  public StopToken(Runnable onRequest) {
    this.onRequest = onRequest;
  }

  /**
   * Asks the run to stop; the first reason given is kept.
   *
   * @param why what asked, as the operator would say it ({@code Ctrl-C}, {@code SIGTERM})
   * @return true when this was the first request
   */
  public boolean request(String why) {
    boolean first = reason.compareAndSet(null, why);
    if (first) {
      onRequest.run();
    }
    return first;
  }

  /** True once a stop was requested. */
  public boolean requested() {
    return reason.get() != null;
  }

  /** Why the run was asked to stop, once it was. */
  public Optional<String> reason() {
    return Optional.ofNullable(reason.get());
  }
}
