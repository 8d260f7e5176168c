package org.embedwatch.store;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.BeforeEach;
import org.embedwatch.testsupport.StoreExtension;
import org.embedwatch.evidence.EvidenceEvent;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** {@code EvidenceStore.recordPark}: one row per host, keeping the latest park whoever stores it. */
@ExtendWith(StoreExtension.class)
class ParkRowsTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private EvidenceStore store;
  private EvidenceReader reader;

  @BeforeEach
  void open(Database db) {
    store = new EvidenceStore(db);
    reader = new EvidenceReader(db);
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
  void aCutMovesAParkThatReachesTooFarBackAndLeavesShorterOnesAlone() {
    store.record(new EvidenceEvent.HostParked("a.example", Instant.parse("+33715-01-01T00:00:00Z")));
    store.record(new EvidenceEvent.HostParked("b.example", T0.plusSeconds(30)));

    store.record(new EvidenceEvent.HostParkCut("a.example", T0.plusSeconds(86_400)));
    store.record(new EvidenceEvent.HostParkCut("b.example", T0.plusSeconds(86_400)));

    assertThat(reader.parks(T0)).isEqualTo(Map.of("a.example", T0.plusSeconds(86_400), "b.example",
        T0.plusSeconds(30)));
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
