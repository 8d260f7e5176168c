package org.embedwatch.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.core5.concurrent.Cancellable;
import org.junit.jupiter.api.Test;

/** The deadline and minimum-rate checks of one exchange, on a hand-moved monotonic clock and without the timer. */
class TransferLimitsTest {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final AtomicInteger cancels = new AtomicInteger();
  private final Cancellable request = () -> {
    cancels.incrementAndGet();
    return true;
  };

  private TransferLimits limits(Duration deadline, long minRate, Duration window) {
    return new TransferLimits(deadline, minRate, window, nanos::get, null);
  }

  private void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  @Test
  void theTotalDeadlineAbortsAnExchangeThatIsStillRunningWhateverItsRate() {
    TransferLimits limits = limits(Duration.ofSeconds(60), 0, Duration.ofSeconds(10));
    TransferLimits.Watch watch = limits.watch(request, Duration.ofSeconds(60));
    watch.started();
    advance(Duration.ofSeconds(59));
    watch.counted(1_000_000);
    assertThat(watch.tripped()).isEmpty();
    assertThat(cancels).hasValue(0);

    advance(Duration.ofSeconds(1));
    watch.check();

    assertThat(watch.tripped()).contains("total deadline of 60 s passed");
    assertThat(cancels).hasValue(1);
    watch.check();
    assertThat(cancels).as("aborted once").hasValue(1);
  }

  @Test
  void aRetryGetsOnlyWhatIsLeftOfTheDeadlineButTheMessageNamesTheWholeDeadline() {
    TransferLimits limits = limits(Duration.ofSeconds(60), 0, Duration.ofSeconds(10));
    TransferLimits.Watch watch = limits.watch(request, Duration.ofSeconds(5));
    advance(Duration.ofSeconds(5));
    watch.check();
    assertThat(watch.tripped()).contains("total deadline of 60 s passed");
  }

  @Test
  void aTransferSlowerThanTheMinimumOverAWindowIsAbortedAfterTheGraceWindow() {
    TransferLimits limits = limits(Duration.ofSeconds(60), 1024, Duration.ofSeconds(10));
    TransferLimits.Watch watch = limits.watch(request, Duration.ofSeconds(60));
    advance(Duration.ofSeconds(20));
    watch.check();
    assertThat(watch.tripped()).as("waiting for the head is the read timeout's and the deadline's, not the rate's")
        .isEmpty();

    watch.started();
    for (int i = 0; i < 9; i++) {
      advance(Duration.ofSeconds(1));
      watch.counted(100);
    }
    assertThat(watch.tripped()).as("still within the grace window").isEmpty();
    advance(Duration.ofSeconds(1));
    watch.counted(100);

    assertThat(watch.tripped()).contains("slower than 1024 B/s (1000 bytes in 10 s)");
    assertThat(cancels).hasValue(1);
  }

  @Test
  void aFastWindowIsForgottenAndAStallAfterItIsCaughtInTheNextWindowByTheTimersCheck() {
    TransferLimits limits = limits(Duration.ofSeconds(60), 1024, Duration.ofSeconds(10));
    TransferLimits.Watch watch = limits.watch(request, Duration.ofSeconds(60));
    watch.started();
    advance(Duration.ofSeconds(10));
    watch.counted(5_000_000);
    assertThat(watch.tripped()).isEmpty();

    advance(Duration.ofSeconds(10));
    watch.check();

    assertThat(watch.tripped()).contains("slower than 1024 B/s (0 bytes in 10 s)");
  }

  @Test
  void noMinimumRateWhenItIsOffAndNothingIsAbortedAfterTheExchangeIsClosed() {
    TransferLimits limits = limits(Duration.ofSeconds(60), 0, Duration.ofSeconds(10));
    TransferLimits.Watch watch = limits.watch(request, Duration.ofSeconds(60));
    watch.started();
    advance(Duration.ofSeconds(30));
    watch.check();
    assertThat(watch.tripped()).isEmpty();

    watch.close();
    advance(Duration.ofSeconds(60));
    watch.check();

    assertThat(watch.tripped()).isEmpty();
    assertThat(cancels).hasValue(0);
    assertThat(watch.elapsed()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void durationsAreShownAsAnOperatorReadsThem() {
    assertThat(TransferLimits.describe(Duration.ofSeconds(60))).isEqualTo("60 s");
    assertThat(TransferLimits.describe(Duration.ofMillis(1500))).isEqualTo("1.5 s");
    assertThat(TransferLimits.describe(Duration.ofMillis(250))).isEqualTo("250 ms");
  }
}
