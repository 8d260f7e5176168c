package org.embedwatch.net;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.hc.core5.concurrent.Cancellable;

/**
 * How long an exchange may hold us, whatever the server does: a total deadline ({@code net.request-deadline}) and,
 * once the answer has started, a minimum transfer rate ({@code net.min-bytes-per-second}, measured over each
 * {@code net.min-rate-window}, the first window being the grace period). A {@link Watch} is checked by a timer and by
 * the body read loop; when a limit is passed it aborts the request ({@link Cancellable#cancel()}), so that a server
 * dripping bytes, or stalling between them, cannot hold a check for longer than the deadline.
 *
 * <p>Time here is the monotonic wall clock ({@link System#nanoTime()}), not the application's {@code Clock}: the
 * limits bound real waiting on sockets, which a simulated clock does not move. Thread-safe; close it to stop its timer.
 */
final class TransferLimits implements AutoCloseable {
  private final Duration deadline;
  private final long minBytesPerSecond;
  private final long windowNanos;
  private final LongSupplier nanos;
  private final ScheduledExecutorService timer;

  TransferLimits(Duration deadline, long minBytesPerSecond, Duration window) {
    this(deadline, minBytesPerSecond, window, System::nanoTime);
  }

  /** Limits read from {@code nanos} (a test moves it by hand), checked by a timer of their own. */
  TransferLimits(Duration deadline, long minBytesPerSecond, Duration window, LongSupplier nanos) {
    this(deadline, minBytesPerSecond, window, nanos, Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "transfer-limits");
      t.setDaemon(true);
      return t;
    }));
  }

  /** Limits read from {@code nanos}, checked by {@code timer} (null: only when {@link Watch#check()} is called). */
  TransferLimits(Duration deadline, long minBytesPerSecond, Duration window, LongSupplier nanos,
      ScheduledExecutorService timer) {
    this.deadline = deadline;
    this.minBytesPerSecond = minBytesPerSecond;
    this.windowNanos = window.toNanos();
    this.nanos = nanos;
    this.timer = timer;
  }

  /** Now, on the monotonic time the limits are read from (nanoseconds). */
  long now() {
    return nanos.getAsLong();
  }

  /** The whole budget of one request, its retries included. */
  Duration deadline() {
    return deadline;
  }

  /**
   * Starts watching {@code request}, which may use {@code budget} more of the deadline (what earlier attempts of the
   * same request left). Close the watch when the exchange is over.
   */
  Watch watch(Cancellable request, Duration budget) {
    Watch w = new Watch(request, nanos.getAsLong(), budget);
    if (timer != null) {
      long tick = Math.max(TimeUnit.MILLISECONDS.toNanos(50), Math.min(windowNanos / 4, budget.toNanos()));
      w.ticks = timer.scheduleAtFixedRate(w::check, tick, tick, TimeUnit.NANOSECONDS);
      w.end = timer.schedule(w::check, Math.max(0, budget.toNanos()), TimeUnit.NANOSECONDS);
    }
    return w;
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }

  /** "60 s", "1.5 s", "250 ms": a duration as an operator reads it. */
  static String describe(Duration d) {
    long millis = d.toMillis();
    if (millis < 1000) {
      return millis + " ms";
    }
    return (millis % 1000 == 0 ? String.valueOf(millis / 1000) : String.valueOf(millis / 1000.0)) + " s";
  }

  /** One exchange under watch. */
  final class Watch implements AutoCloseable {
    private final Cancellable request;
    private final long startNanos;
    private final long endNanos;
    private volatile ScheduledFuture<?> ticks;
    private volatile ScheduledFuture<?> end;
    private long bytes;
    private boolean started;
    private long windowStart;
    private long windowBytes;
    private String tripped;
    private long stoppedNanos = -1;

    private Watch(Cancellable request, long startNanos, Duration budget) {
      this.request = request;
      this.startNanos = startNanos;
      this.endNanos = startNanos + Math.max(0, budget.toNanos());
    }

    /** The answer's head has arrived: the transfer rate is measured from now. */
    synchronized void started() {
      if (!started) {
        started = true;
        windowStart = nanos.getAsLong();
        windowBytes = bytes;
      }
    }

    /** {@code n} more body bytes arrived; checks the limits (the read loop's own check, between timer ticks). */
    void counted(long n) {
      synchronized (this) {
        bytes += n;
      }
      check();
    }

    /** Checks the limits now; aborts the request when one is passed. */
    void check() {
      String reason;
      synchronized (this) {
        if (tripped != null || stoppedNanos >= 0) {
          return;
        }
        long now = nanos.getAsLong();
        reason = passed(now);
        if (reason == null) {
          return;
        }
        tripped = reason;
      }
      request.cancel();
      stopTimer();
    }

    /** The limit passed at {@code now}, or null; moves the rate window on when it was kept. */
    private String passed(long now) {
      if (now - endNanos >= 0) {
        return "total deadline of " + describe(deadline) + " passed";
      }
      if (minBytesPerSecond > 0 && started && now - windowStart >= windowNanos) {
        double seconds = (now - windowStart) / 1e9;
        long got = bytes - windowBytes;
        if (got < minBytesPerSecond * seconds) {
          return "slower than " + minBytesPerSecond + " B/s (" + got + " bytes in "
              + describe(Duration.ofNanos(now - windowStart)) + ")";
        }
        windowStart = now;
        windowBytes = bytes;
      }
      return null;
    }

    /** Which limit aborted the request, if one did. */
    synchronized Optional<String> tripped() {
      return Optional.ofNullable(tripped);
    }

    /** How long the exchange has run (until it was closed). */
    synchronized Duration elapsed() {
      return Duration.ofNanos((stoppedNanos >= 0 ? stoppedNanos : nanos.getAsLong()) - startNanos);
    }

    private void stopTimer() {
      ScheduledFuture<?> t = ticks;
      if (t != null) {
        t.cancel(false);
      }
      ScheduledFuture<?> e = end;
      if (e != null) {
        e.cancel(false);
      }
    }

    /** The exchange is over: no further check aborts it. */
    @Override
    public void close() {
      synchronized (this) {
        if (stoppedNanos < 0) {
          stoppedNanos = nanos.getAsLong();
        }
      }
      stopTimer();
    }
  }
}
