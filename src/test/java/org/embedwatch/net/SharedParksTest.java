package org.embedwatch.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.embedwatch.config.Settings;
import org.embedwatch.sandbox.MutableClock;
import org.embedwatch.store.Database;
import org.embedwatch.testsupport.PageServer;
import org.embedwatch.testsupport.StoreExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 429 park taken by one worker is honoured by another worker on the same PostgreSQL database before its next
 * request to that host, also when the park comes while the other waits for its turn; on H2 a running worker keeps
 * its own knowledge (the park reaches it at its next start). Two HTTP stacks, each on its own pool, wired as
 * {@code App} wires them; time is a simulated clock and waits never sleep; the server's request log says what was sent.
 */
@ExtendWith(StoreExtension.class)
class SharedParksTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  @TempDir Path work;
  private final MutableClock clock = new MutableClock(T0);
  private final PageServer server = PageServer.start();
  private final List<AutoCloseable> open = new ArrayList<>();

  @BeforeEach
  void pages() {
    server.answer("/ok", 200, "text/plain", "fine");
    server.behaviour("/busy", SharedParksTest::tooMany);
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
    server.close();
  }

  private static void tooMany(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().add("Retry-After", "60");
    exchange.sendResponseHeaders(429, -1);
  }

  private Worker worker(Settings.Store store, String rate, Sleeper sleeper) {
    Worker w = Worker.open(store, work, List.of(server.allowSetting(), "net.rate.default=" + rate), clock, sleeper);
    open.add(w);
    return w;
  }

  private static Sleeper recording() {
    return d -> { };
  }

  @Test
  void aParkTakenByOneWorkerIsHonouredByTheOtherBeforeItsNextRequest(Settings.Store store, Database db) {
    assumeTrue(db.vendor() == Database.Vendor.POSTGRESQL);
    Worker a = worker(store, "off", recording());
    Worker b = worker(store, "off", recording());
    assertThat(b.get(server.url("/ok"))).isInstanceOf(Fetch.Response.class);

    Fetch told = a.get(server.url("/busy"));
    assertThat(told).isInstanceOfSatisfying(Fetch.Response.class, r -> assertThat(r.status()).isEqualTo(429));
    Fetch held = b.get(server.url("/ok"));
    assertThat(held).isInstanceOfSatisfying(Fetch.Failure.class, f -> {
      assertThat(f.kind()).isEqualTo(Fetch.Kind.RATE_LIMITED);
      assertThat(f.message()).contains("rate limited until " + T0.plusSeconds(60));
    });
    assertThat(server.requested()).as("b sent nothing while parked").containsExactly("/ok", "/busy");

    clock.advance(Duration.ofSeconds(59));
    assertThat(b.get(server.url("/ok"))).isInstanceOf(Fetch.Failure.class);
    clock.advance(Duration.ofSeconds(1));
    assertThat(b.get(server.url("/ok"))).isInstanceOfSatisfying(Fetch.Response.class,
        r -> assertThat(r.status()).isEqualTo(200));
    assertThat(server.requested()).containsExactly("/ok", "/busy", "/ok");
  }

  @Test
  void aParkTakenWhileTheOtherWaitsForItsTurnStopsItsRequest(Settings.Store store, Database db) {
    assumeTrue(db.vendor() == Database.Vendor.POSTGRESQL);
    List<Worker> a = new ArrayList<>();
    // b's wait for its turn is when a is told to wait: a's 429 comes in the middle of b's wait.
    Worker b = worker(store, "1/s", d -> {
      a.get(0).get(server.url("/busy"));
      clock.advance(d);
    });
    a.add(worker(store, "1/s", recording()));
    assertThat(b.get(server.url("/ok"))).as("the first turn is free: no wait").isInstanceOf(Fetch.Response.class);

    Fetch held = b.get(server.url("/ok"));
    assertThat(held).isInstanceOfSatisfying(Fetch.Failure.class,
        f -> assertThat(f.kind()).isEqualTo(Fetch.Kind.RATE_LIMITED));
    assertThat(server.requested()).containsExactly("/ok", "/busy");
  }

  @Test
  void aTooLongParkAnotherWorkerStoredIsCutOnceForEveryone(Settings.Store store, Database db) {
    assumeTrue(db.vendor() == Database.Vendor.POSTGRESQL);
    Worker a = worker(store, "off", recording());
    Worker b = worker(store, "off", recording());
    assertThat(b.get(server.url("/ok"))).isInstanceOf(Fetch.Response.class);
    // A worker with a longer net.max-park (or an older version) stored a park of a year.
    new org.embedwatch.store.EvidenceStore(db).record(new org.embedwatch.evidence.EvidenceEvent.HostParked(
        "127.0.0.1", T0.plus(Duration.ofDays(365))));

    assertThat(b.get(server.url("/ok"))).isInstanceOfSatisfying(Fetch.Failure.class,
        f -> assertThat(f.message()).contains("until " + T0.plus(Duration.ofDays(1))));
    clock.advance(Duration.ofHours(1));
    assertThat(a.get(server.url("/ok"))).as("a reads the cut park, not a day from its own now")
        .isInstanceOfSatisfying(Fetch.Failure.class,
            f -> assertThat(f.message()).contains("until " + T0.plus(Duration.ofDays(1))));
    clock.advance(Duration.ofHours(23));
    assertThat(a.get(server.url("/ok"))).isInstanceOf(Fetch.Response.class);
    assertThat(b.get(server.url("/ok"))).isInstanceOf(Fetch.Response.class);
  }

  @Test
  void aTurnBeyondTheRequestsDeadlineIsNotWaitedForAndNothingIsSent(Settings.Store store, Database db) {
    assumeTrue(db.vendor() == Database.Vendor.POSTGRESQL);
    List<Duration> waits = new ArrayList<>();
    Worker a = Worker.open(store, work, List.of(server.allowSetting(), "net.rate.default=1/min",
        "net.request-deadline=PT30S"), clock, waits::add);
    open.add(a);
    Worker b = worker(store, "1/min", recording());
    assertThat(b.get(server.url("/ok"))).isInstanceOf(Fetch.Response.class);

    assertThat(a.get(server.url("/ok"))).isInstanceOfSatisfying(Fetch.Failure.class, f -> {
      assertThat(f.kind()).isEqualTo(Fetch.Kind.RATE_LIMITED);
      assertThat(f.message()).contains("next turn at its net.rate (shared with the other workers) is further away");
    });
    assertThat(waits).isEmpty();
    clock.advance(Duration.ofSeconds(45));
    assertThat(a.get(server.url("/ok"))).as("the turn b left is 15 s away now").isInstanceOf(Fetch.Response.class);
    assertThat(waits).containsExactly(Duration.ofSeconds(15));
    assertThat(server.requested()).containsExactly("/ok", "/ok");
  }

  @Test
  void onH2ARunningWorkerKeepsItsOwnKnowledgeAndTheParkReachesTheNextStart(Settings.Store store, Database db) {
    assumeTrue(db.vendor() == Database.Vendor.H2);
    Worker a = worker(store, "off", recording());
    Worker b = worker(store, "off", recording());
    assertThat(a.get(server.url("/busy"))).isInstanceOf(Fetch.Response.class);
    assertThat(b.get(server.url("/ok"))).as("as before: per process while running").isInstanceOf(Fetch.Response.class);
    Worker next = worker(store, "off", recording());
    assertThat(next.get(server.url("/ok"))).isInstanceOf(Fetch.Failure.class);
    assertThat(server.requested()).containsExactly("/busy", "/ok");
  }
}
