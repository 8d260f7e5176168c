package org.embedwatch.store;

import org.embedwatch.evidence.EvidenceEvent;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code EvidenceStore.recordPark}: one row per host, keeping the latest park whoever stores it. */
class ParkRowsTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  // An in-memory database lives while the pool holds a connection, that is until close.
  private final Database db = Database.open("jdbc:h2:mem:parks-" + UUID.randomUUID());
  private final EvidenceStore store = new EvidenceStore(db);
  private final EvidenceReader reader = new EvidenceReader(db);

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void aLaterParkMovesTheRowAnEarlierOneDoesNotAndOtherHostsKeepTheirs() {
    store.record(new EvidenceEvent.HostParked("a.example", T0.plusSeconds(60)));
    store.record(new EvidenceEvent.HostParked("b.example", T0.plusSeconds(30)));
    store.record(new EvidenceEvent.HostParked("a.example", T0.plusSeconds(20)));
    store.record(new EvidenceEvent.HostParked("b.example", T0.plusSeconds(90)));

    assertThat(reader.parks(T0)).isEqualTo(Map.of("a.example", T0.plusSeconds(60), "b.example",
        T0.plusSeconds(90)));
  }

  @Test
  void parksOfOneHostStoredAtOnceKeepTheLatest() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> writes = new ArrayList<>();
      for (int i = 1; i <= 40; i++) {
        Instant until = T0.plusSeconds(i);
        writes.add(pool.submit(() -> store.record(new EvidenceEvent.HostParked("a.example", until))));
      }
      for (Future<?> w : writes) {
        w.get();
      }
    } finally {
      pool.shutdown();
    }

    assertThat(reader.parks(T0)).isEqualTo(Map.of("a.example", T0.plusSeconds(40)));
  }
}
