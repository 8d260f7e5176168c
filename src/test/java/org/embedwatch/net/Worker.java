package org.embedwatch.net;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.List;
import java.nio.file.Path;
import org.embedwatch.archive.ExchangeRecorder;
import org.embedwatch.config.Settings;
import org.embedwatch.config.SettingsLoader;
import org.embedwatch.evidence.EvidenceEvent;
import org.embedwatch.store.Database;
import org.embedwatch.store.EvidenceReader;
import org.embedwatch.store.EvidenceStore;
import org.embedwatch.store.SharedBuckets;

/**
 * One worker's HTTP stack for tests of shared politeness: its own database pool on the test's database, wired as
 * {@code App} wires it (parks stored and cut through the store; on PostgreSQL a shared bucket per host and rate and
 * others' parks read before each request, on H2 this process's own spacing). Close it after the test.
 */
record Worker(Database db, HttpFetcher http) implements AutoCloseable {
  static Worker open(Settings.Store store, Path work, List<String> sets, Clock clock, Sleeper sleeper) {
    Database db = Database.open(store);
    EvidenceStore evidence = new EvidenceStore(db);
    EvidenceReader reader = new EvidenceReader(db);
    HostLimits.ParkListener parks = HostLimits.ParkListener.of(
        (h, u) -> evidence.record(new EvidenceEvent.HostParked(h, u)),
        (h, u) -> evidence.record(new EvidenceEvent.HostParkCut(h, u)));
    HostLimits.Sharing sharing = db.vendor() == Database.Vendor.POSTGRESQL
        ? new HostLimits.Sharing(new SharedSpacing(SharedBuckets.on(db, clock), sleeper), parks, reader::park)
        : HostLimits.Sharing.local(clock, sleeper, parks);
    Settings.Net net = new SettingsLoader(work).load(Optional.empty(), sets).net();
    HttpFetcher http = new HttpFetcher(net, ExchangeRecorder.none(), clock, sleeper, sharing,
        org.apache.hc.client5.http.SystemDefaultDnsResolver.INSTANCE);
    http.limits().restoreAll(reader.parks(clock.instant()));
    return new Worker(db, http);
  }

  boolean shared() {
    return db.vendor() == Database.Vendor.POSTGRESQL;
  }

  Fetch get(String url) {
    return http.get(java.net.URI.create(url), Map.of());
  }

  @Override
  public void close() throws Exception {
    try {
      http.close();
    } finally {
      db.close();
    }
  }
}
