package org.embedwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.parsers.DocumentBuilderFactory;
import org.embedwatch.config.AlertSettings;
import org.embedwatch.config.SettingsLoader;
import org.embedwatch.evidence.EvidenceEvent;
import org.embedwatch.evidence.Finding;
import org.embedwatch.evidence.FindingKind;
import org.embedwatch.sandbox.MutableClock;
import org.embedwatch.store.AlertRows;
import org.embedwatch.store.Database;
import org.embedwatch.store.EvidenceStore;
import org.embedwatch.testsupport.StoreExtension;
import org.embedwatch.testsupport.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** {@link AlertDispatcher} on a real store: claims across dispatchers, backoff and giving up, the Atom feed's text. */
@ExtendWith(StoreExtension.class)
class AlertDispatcherTest {
  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
  private static final String SECRET = "0123456789abcdef-secret";

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(T0);
  private final WebhookReceiver receiver = WebhookReceiver.start();

  @AfterEach
  void stop() {
    receiver.close();
  }

  private AlertSettings settings(String... keyValues) {
    List<String> all = new ArrayList<>(List.of("archive.dir=" + dir));
    all.addAll(List.of(keyValues));
    return new SettingsLoader(dir).load(Optional.empty(), all).alerts();
  }

  private AlertSettings webhook(String... more) {
    List<String> all = new ArrayList<>(List.of("alert.webhook.url=" + receiver.url("/hook"),
        "alert.webhook.secret=" + SECRET));
    all.addAll(List.of(more));
    return settings(all.toArray(String[]::new));
  }

  private AlertDispatcher dispatcher(Database db, AlertSettings settings) {
    AlertDispatcher d = AlertDispatcher.of(settings, dir, db, new ObjectMapper(), clock);
    d.registerSinks(clock.instant());
    return d;
  }

  private static void findings(Database db, int n, String summary) {
    List<Finding> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(new Finding(FindingKind.ARTICLE_DRIFT, "drift " + i + " " + summary, null, null, null, null,
          T0.plusSeconds(i), summary + " " + i, null));
    }
    new EvidenceStore(db).record(new EvidenceEvent.FindingsRecorded(all));
  }

  @Test
  void twoDispatchersAtOnceSendEachAlertOnce(Database db) throws Exception {
    AlertDispatcher one = dispatcher(db, webhook());
    AlertDispatcher two = dispatcher(db, webhook());
    findings(db, 20, "a reference was removed");
    // The first request is held until the other dispatcher sends one too: both are sending at the same time.
    CountDownLatch both = new CountDownLatch(1);
    AtomicInteger requests = new AtomicInteger();
    receiver.onRequest(r -> {
      if (requests.incrementAndGet() == 1) {
        try {
          assertThat(both.await(20, TimeUnit.SECONDS)).as("a second dispatcher sent while the first waited").isTrue();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      } else {
        both.countDown();
      }
    });
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      List<Future<DeliverySummary>> rounds = new ArrayList<>();
      for (AlertDispatcher d : List.of(one, two)) {
        rounds.add(threads.submit(() -> {
          go.await();
          return d.deliverDue(clock.instant());
        }));
      }
      go.countDown();
      int delivered = 0;
      for (Future<DeliverySummary> f : rounds) {
        DeliverySummary s = f.get(60, TimeUnit.SECONDS);
        assertThat(s.failed()).isZero();
        delivered += s.delivered();
      }
      assertThat(delivered).isEqualTo(20);
    } finally {
      threads.shutdownNow();
    }
    assertThat(both.getCount()).isZero();
    List<String> ids = receiver.received().stream().map(r -> r.header("X-Embedwatch-Alert")).toList();
    assertThat(ids).hasSize(20).doesNotHaveDuplicates();
    long deliveredRows = db.inTransaction(c -> {
      try (var ps = c.prepareStatement("select count(*) from alert_delivery where sink='webhook' and attempts=1"
          + " and delivered_at is not null"); var rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
    assertThat(deliveredRows).isEqualTo(20L);
    assertThat(one.deliverDue(clock.instant()).delivered() + two.deliverDue(clock.instant()).delivered()).isZero();
    assertThat(receiver.received()).hasSize(20);
  }

  @Test
  void aDeliveryThatAlwaysFailsWaitsTwiceAsLongEachTimeAndIsGivenUpAfterTheLastAttempt(Database db) {
    AlertDispatcher d = dispatcher(db, webhook("alert.retry-first=PT1M", "alert.retry-max=PT3M",
        "alert.max-attempts=4"));
    findings(db, 1, "drift");
    receiver.answer(503, 503, 503, 503, 503);
    List<Instant> nextAttempts = new ArrayList<>();

    for (int attempt = 1; attempt <= 3; attempt++) {
      DeliverySummary s = d.deliverDue(clock.instant());
      assertThat(s.failed()).isEqualTo(1);
      assertThat(s.pending()).isEqualTo(1);
      Instant next = ((OffsetDateTime) row(db).get("next_attempt_at")).toInstant();
      nextAttempts.add(next);
      clock.set(next.minusSeconds(1));
      assertThat(d.deliverDue(clock.instant()).failed()).as("not due before its time").isZero();
      clock.set(next);
    }
    DeliverySummary last = d.deliverDue(clock.instant());

    assertThat(nextAttempts).containsExactly(T0.plus(Duration.ofMinutes(1)), T0.plus(Duration.ofMinutes(3)),
        T0.plus(Duration.ofMinutes(6)));
    assertThat(last.givenUp()).isEqualTo(1);
    assertThat(last.pending()).isZero();
    Map<String, Object> row = row(db);
    assertThat(row.get("attempts")).isEqualTo(4);
    assertThat(row.get("given_up_at")).isNotNull();
    assertThat(row.get("delivered_at")).isNull();
    assertThat(row.get("last_error")).isEqualTo("HTTP 503");
    clock.advance(Duration.ofDays(1));
    assertThat(d.deliverDue(clock.instant()).givenUp()).isZero();
    assertThat(receiver.received()).hasSize(4);
  }

  @Test
  void anAnswerThatNeverComesIsAFailureWithinTheTimeout(Database db) throws Exception {
    AlertDispatcher d = dispatcher(db, webhook("alert.webhook.timeout=PT0.5S"));
    findings(db, 1, "drift");
    CountDownLatch release = new CountDownLatch(1);
    receiver.onRequest(r -> {
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    try {
      DeliverySummary s = d.deliverDue(clock.instant());
      assertThat(s.failed()).isEqualTo(1);
      assertThat(row(db).get("last_error")).isEqualTo("no answer within PT0.5S");
    } finally {
      release.countDown();
    }
  }

  @Test
  void theAtomFeedShowsHostileTextAsTextAndStaysValidXml(Database db) throws Exception {
    AlertDispatcher d = dispatcher(db, settings("alert.atom.file=out/alerts.atom", "alert.atom.entries=3"));
    String hostile = "<script>alert('x')</script> & \u001b[2J\u0007 \u202egnp.exe \ud800 ]]> end";
    findings(db, 4, hostile);

    DeliverySummary s = d.deliverDue(clock.instant());

    assertThat(s.delivered()).isEqualTo(3);
    assertThat(s.givenUp()).as("the oldest is not among the newest 3").isEqualTo(1);
    Path feed = dir.resolve("out/alerts.atom");
    String xml = Files.readString(feed);
    assertThat(xml).doesNotContain("<script>").contains("&lt;script&gt;").doesNotContain("\u001b")
        .doesNotContain("\u0007").doesNotContain("\u202e");
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    Document doc = f.newDocumentBuilder().parse(feed.toFile());
    NodeList entries = doc.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry");
    assertThat(entries.getLength()).isEqualTo(3);
    Element newest = (Element) entries.item(0);
    String summary = newest.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "summary").item(0)
        .getTextContent();
    // PostgreSQL's driver stores the lone surrogate as '?'; H2 keeps it, and the feed writes it as U+FFFD.
    assertThat(summary).isIn("<script>alert('x')</script> & \\u001b[2J\\u0007 \\u202egnp.exe \ufffd ]]> end 3",
        "<script>alert('x')</script> & \\u001b[2J\\u0007 \\u202egnp.exe ? ]]> end 3");
    assertThat(AtomFeed.safe("a\ud800b\udc00c\ud83d\ude00")).isEqualTo("a\ufffdb\ufffdc\ud83d\ude00");
    assertThat(newest.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "id").item(0).getTextContent())
        .startsWith("urn:embedwatch:alert:finding:");
  }

  @Test
  void aClaimLeftByAKilledProcessIsTakenOverAfterItsLeaseWithTheSameDeliveryId(Database db) {
    AlertDispatcher d = dispatcher(db, webhook());
    findings(db, 1, "drift");
    AlertRows rows = new AlertRows(db);
    AlertRows.Sink sink = rows.sink("webhook").orElseThrow();
    // A process claims the alert and is killed before it sends or records anything.
    AlertRows.Claim dead = rows.claim("webhook", rows.due(sink, clock.instant(), 10).get(0), clock.instant(),
        Duration.ofMinutes(2), "killed").orElseThrow();

    DeliverySummary during = d.deliverDue(clock.instant().plusSeconds(119));
    clock.advance(Duration.ofMinutes(2));
    DeliverySummary after = d.deliverDue(clock.instant());

    assertThat(during.delivered()).isZero();
    assertThat(during.pending()).isEqualTo(1);
    assertThat(after.delivered()).isEqualTo(1);
    assertThat(receiver.received()).hasSize(1);
    assertThat(receiver.received().get(0).header("X-Embedwatch-Delivery")).isEqualTo(dead.deliveryId());
    assertThat(row(db).get("attempts")).isEqualTo(1);
  }

  @Test
  void aRedirectIsNotFollowedButRecordedAsAFailure(Database db) {
    AlertDispatcher d = dispatcher(db, webhook());
    findings(db, 1, "drift");
    receiver.answer(302);

    DeliverySummary s = d.deliverDue(clock.instant());

    assertThat(s.failed()).isEqualTo(1);
    assertThat(receiver.received()).hasSize(1);
    assertThat((String) row(db).get("last_error")).startsWith("HTTP 302 (a redirect, not followed");
  }

  private static Map<String, Object> row(Database db) {
    return db.inTransaction(c -> {
      try (var ps = c.prepareStatement("select attempts, next_attempt_at, delivered_at, given_up_at, last_error"
          + " from alert_delivery"); var rs = ps.executeQuery()) {
        rs.next();
        Map<String, Object> out = new java.util.HashMap<>();
        out.put("attempts", rs.getInt(1));
        out.put("next_attempt_at", rs.getObject(2, OffsetDateTime.class));
        out.put("delivered_at", rs.getObject(3, OffsetDateTime.class));
        out.put("given_up_at", rs.getObject(4, OffsetDateTime.class));
        out.put("last_error", rs.getString(5));
        return out;
      }
    });
  }
}
