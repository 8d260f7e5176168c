package org.embedwatch.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.embedwatch.config.Settings;
import org.embedwatch.sandbox.MutableClock;
import org.junit.jupiter.api.Test;

class HostLimitsTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private final MutableClock clock = new MutableClock(T0);
  private final List<Duration> waits = new ArrayList<>();

  private HostLimits limits(Settings.Rate defaultRate, Map<String, Settings.Rate> rates) {
    Settings.Politeness p = new Settings.Politeness(defaultRate, rates, 2, Map.of(), 2, Duration.ofSeconds(1),
        Duration.ofSeconds(10), Duration.ofMinutes(15), Duration.ofDays(1));
    return new HostLimits(p, clock, waits::add);
  }

  private void enterAndLeave(HostLimits limits, String host) throws InterruptedException {
    try (HostLimits.Permit p = limits.enter(host)) {
      assertThat(p).isNotNull();
    }
  }

  @Test
  void requestsToOneHostAreSpacedEvenlyAndEachWaitsForItsOwnSlot() throws InterruptedException {
    HostLimits limits = limits(new Settings.Rate(2, Duration.ofSeconds(1)), Map.of());
    enterAndLeave(limits, "a.example");
    enterAndLeave(limits, "a.example");
    enterAndLeave(limits, "a.example");
    assertThat(waits).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000));
  }

  @Test
  void timeThatHasPassedIsNotWaitedForAgain() throws InterruptedException {
    HostLimits limits = limits(new Settings.Rate(30, Duration.ofMinutes(1)), Map.of());
    enterAndLeave(limits, "a.example");
    clock.advance(Duration.ofSeconds(5));
    enterAndLeave(limits, "a.example");
    enterAndLeave(limits, "a.example");
    assertThat(waits).containsExactly(Duration.ofSeconds(2));
  }

  @Test
  void hostsAreLimitedSeparatelyAndAnOffHostIsNotLimitedAtAll() throws InterruptedException {
    HostLimits limits = limits(new Settings.Rate(1, Duration.ofSeconds(1)), Map.of("sandbox", Settings.Rate.off()));
    enterAndLeave(limits, "a.example");
    enterAndLeave(limits, "B.example");
    for (int i = 0; i < 5; i++) {
      enterAndLeave(limits, "sandbox");
    }
    assertThat(waits).isEmpty();
    enterAndLeave(limits, "b.example");
    assertThat(waits).containsExactly(Duration.ofSeconds(1));
  }

  @Test
  void aParkedHostStaysParkedUntilItsResetAndALaterParkWins() {
    HostLimits limits = limits(Settings.Rate.off(), Map.of());
    limits.park("a.example", T0.plusSeconds(60));
    limits.park("a.example", T0.plusSeconds(30));
    assertThat(limits.parkedUntil("a.example")).contains(T0.plusSeconds(60));
    assertThat(limits.parkedUntil("other.example")).isEmpty();
    clock.advance(Duration.ofSeconds(59));
    assertThat(limits.parkedUntil("A.EXAMPLE")).contains(T0.plusSeconds(60));
    clock.advance(Duration.ofSeconds(1));
    assertThat(limits.parkedUntil("a.example")).isEmpty();
  }

  @Test
  void theConcurrencyLimitHoldsBackTheThirdRequestUntilOneEnds() throws InterruptedException {
    HostLimits limits = limits(Settings.Rate.off(), Map.of());
    HostLimits.Permit first = limits.enter("a.example");
    HostLimits.Permit second = limits.enter("a.example");
    Thread third = new Thread(() -> {
      try {
        limits.enter("a.example").close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    third.start();
    third.join(200);
    assertThat(third.isAlive()).isTrue();
    first.close();
    third.join(10_000);
    assertThat(third.isAlive()).isFalse();
    second.close();
  }

  @Test
  void aResponseParksItsHostOnlyWhenItSaysTheQuotaIsSpentOrIsA429() {
    HostLimits limits = limits(Settings.Rate.off(), Map.of());
    Instant reset = T0.plusSeconds(600);

    assertThat(limits.parkAfter("a.example", response(200, "x-rate-limit-remaining", "3",
        "x-rate-limit-reset", Long.toString(reset.getEpochSecond())))).isEmpty();
    assertThat(limits.parkedUntil("a.example")).isEmpty();
    assertThat(limits.parkAfter("a.example", response(200, "x-rate-limit-remaining", "0",
        "x-rate-limit-reset", Long.toString(reset.getEpochSecond())))).contains(reset);
    assertThat(limits.parkedUntil("a.example")).contains(reset);
    assertThat(limits.parkAfter("b.example", response(429))).as("a bare 429 parks for net.rate-limit-park")
        .contains(T0.plus(limits.fallbackPark()));
    assertThat(limits.parkedUntil("b.example")).contains(T0.plus(Duration.ofMinutes(15)));
  }

  @Test
  void eachParkThatMovesAHostsParkIsToldToTheListenerAndARestoredOneIsNot() {
    List<String> told = new ArrayList<>();
    Settings.Politeness p = new Settings.Politeness(Settings.Rate.off(), Map.of(), 2, Map.of(), 2,
        Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(15), Duration.ofDays(1));
    HostLimits limits = new HostLimits(p, clock, waits::add, (host, until) -> told.add(host + " " + until));

    limits.restore("stored.example", T0.plusSeconds(300));
    limits.parkAfter("A.example", response(429, "Retry-After", "60"));
    limits.park("a.example", T0.plusSeconds(30));
    limits.park("a.example", T0.plusSeconds(60));
    limits.park("a.example", T0.plusSeconds(90));
    limits.park("stored.example", T0.plusSeconds(200));

    assertThat(told).as("earlier or equal parks change nothing, a restored park is stored already")
        .containsExactly("a.example " + T0.plusSeconds(60), "a.example " + T0.plusSeconds(90));
    assertThat(limits.parkedUntil("stored.example")).contains(T0.plusSeconds(300));
  }

  @Test
  void noParkReachesFurtherThanMaxParkWhetherAHeaderAskedForItOrAnEarlierRunStoredIt() {
    List<String> told = new ArrayList<>();
    Settings.Politeness p = new Settings.Politeness(Settings.Rate.off(), Map.of(), 2, Map.of(), 2,
        Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(15), Duration.ofDays(1));
    HostLimits limits = new HostLimits(p, clock, waits::add, (host, until) -> told.add(host + " " + until));
    Instant dayAhead = T0.plus(Duration.ofDays(1));

    assertThat(limits.parkAfter("a.example", response(429, "Retry-After", "999999999999"))).contains(dayAhead);
    assertThat(limits.parkAfter("b.example", response(429, "Retry-After", "31556889864403200")))
        .contains(dayAhead);
    limits.park("c.example", Instant.parse("+33715-01-01T00:00:00Z"));
    limits.restore("stored.example", Instant.MAX);
    limits.park("d.example", T0.plus(Duration.ofHours(23)));

    assertThat(limits.parkedUntil("a.example")).contains(dayAhead);
    assertThat(limits.parkedUntil("b.example")).contains(dayAhead);
    assertThat(limits.parkedUntil("c.example")).contains(dayAhead);
    assertThat(limits.parkedUntil("stored.example")).contains(dayAhead);
    assertThat(limits.parkedUntil("d.example")).as("a park within the cap is kept").contains(
        T0.plus(Duration.ofHours(23)));
    assertThat(told).as("what is stored is the capped park").containsExactly("a.example " + dayAhead,
        "b.example " + dayAhead, "c.example " + dayAhead, "d.example " + T0.plus(Duration.ofHours(23)));
    clock.advance(Duration.ofDays(1));
    assertThat(limits.parkedUntil("b.example")).isEmpty();
  }

  @Test
  void aParkAnotherProcessStoredIsHonouredAndOneTooLongIsCutOnceAndToldAsACut() throws InterruptedException {
    Map<String, Instant> stored = new java.util.concurrent.ConcurrentHashMap<>();
    List<String> told = new ArrayList<>();
    Settings.Politeness p = new Settings.Politeness(Settings.Rate.off(), Map.of(), 2, Map.of(), 2,
        Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(15), Duration.ofDays(1));
    HostLimits.ParkListener listener = HostLimits.ParkListener.of((h, u) -> told.add("parked " + h + " " + u),
        (h, u) -> {
          told.add("cut " + h + " " + u);
          stored.put(h, u);
        });
    HostLimits limits = new HostLimits(p, clock, new HostLimits.Sharing(RequestSpacing.local(clock, waits::add),
        listener, h -> java.util.Optional.ofNullable(stored.get(h))));
    assertThat(limits.parkedUntil("a.example")).isEmpty();

    stored.put("a.example", T0.plusSeconds(60));
    stored.put("b.example", T0.plus(Duration.ofDays(365)));
    assertThat(limits.parkedUntil("A.example")).contains(T0.plusSeconds(60));
    assertThat(limits.parkedUntil("b.example")).contains(T0.plus(Duration.ofDays(1)));
    clock.advance(Duration.ofHours(2));
    assertThat(limits.parkedUntil("b.example")).as("the cut holds; not a day from the new now")
        .contains(T0.plus(Duration.ofDays(1)));
    assertThat(limits.parkedUntil("a.example")).isEmpty();
    assertThat(told).containsExactly("cut b.example " + T0.plus(Duration.ofDays(1)));
  }

  private static Fetch.Response response(int status, String... headerPairs) {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (int i = 0; i < headerPairs.length; i += 2) {
      headers.add(Map.entry(headerPairs[i], headerPairs[i + 1]));
    }
    java.net.URI uri = java.net.URI.create("https://a.example/x");
    return new Fetch.Response(uri, uri, T0, status, headers, new byte[0], false,
        org.embedwatch.evidence.Sha256.of(new byte[0]), null);
  }
}
