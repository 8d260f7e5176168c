package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.xml.parsers.DocumentBuilderFactory;
import org.embedwatch.sandbox.Change;
import org.embedwatch.testsupport.Articles;
import org.embedwatch.testsupport.CliRunner;
import org.embedwatch.testsupport.SandboxedCli;
import org.embedwatch.testsupport.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Alerts end to end: a post deleted on the sandbox, found by {@code check}, delivered by {@code alerts send} to a
 * webhook receiver on 127.0.0.1 (signed, once, retried after a failure) and to an Atom file.
 */
class AlertsIT {
  private static final String SECRET = "s3cret-webhook-key-0123456789";
  private static final String QUERY_TOKEN = "qtok-98765-do-not-print";
  private static final String ATOM = "http://www.w3.org/2005/Atom";

  @TempDir Path work;
  private WebhookReceiver receiver;
  private SandboxedCli env;
  private CliRunner cli;
  private final List<CliRunner.Run> runs = new ArrayList<>();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger embedwatch = (Logger) LoggerFactory.getLogger("org.embedwatch");
  private Level level;

  @BeforeEach
  void start() {
    receiver = WebhookReceiver.start();
    level = embedwatch.getLevel();
    embedwatch.setLevel(Level.DEBUG);
    embedwatch.setAdditive(false); // the debug lines go to the list only, not to the build's stderr
    logs.start();
    embedwatch.addAppender(logs);
  }

  @AfterEach
  void stop() {
    embedwatch.detachAppender(logs);
    embedwatch.setAdditive(true);
    embedwatch.setLevel(level);
    if (env != null) {
      env.close();
    }
    receiver.close();
  }

  private void startCli(Map<String, String> alertSettings) throws IOException {
    Map<String, String> settings = new HashMap<>(alertSettings);
    settings.put("check.concurrency", "1");
    env = SandboxedCli.start(work, settings);
    cli = env.cli();
  }

  private Map<String, String> webhook() {
    return Map.of("alert.webhook.url", receiver.url("/hooks/embedwatch?token=" + QUERY_TOKEN),
        "alert.webhook.secret", SECRET, "alert.retry-first", "PT5M");
  }

  private CliRunner.Run run(String... args) {
    CliRunner.Run run = cli.run(args);
    runs.add(run);
    return run;
  }

  /** Archives the two-embed article, then, a day later, the platform deletes the photo post and a check finds it. */
  private void deletionFoundByCheck() throws IOException {
    Path article = Files.writeString(work.resolve("two.html"), Articles.twoEmbeds());
    assertThat(run("archive", article.toString()).exit()).isZero();
    env.clock().advance(Duration.ofHours(25));
    env.sandbox().apply(Articles.PHOTO_POST, Change.deleted());
    CliRunner.Run check = run("check");
    assertThat(check.exit()).as(check.err()).isZero();
    assertThat(check.out()).contains("AVAILABLE -> SUSPECTED_UNAVAILABLE (deleted)");
  }

  /** The ids of every alert stored: findings and transitions into the alerting states. */
  private List<String> storedAlertIds() {
    List<String> ids = new ArrayList<>();
    cli.query("select id from finding order by id").forEach(r -> ids.add("finding:" + r.get("id")));
    cli.query("select id from post_state where state in ('SUSPECTED_UNAVAILABLE','CONFIRMED_UNAVAILABLE',"
        + "'REAPPEARED') order by id").forEach(r -> ids.add("state:" + r.get("id")));
    return ids;
  }

  private static String hmac(byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
  }

  @Test
  void theDaemonsDeliverAlertsTaskSendsWhatAManualCheckFoundOnceAndNothingAgain() throws Exception {
    startCli(webhook());
    deletionFoundByCheck();
    List<String> expected = storedAlertIds();
    assertThat(expected).isNotEmpty();

    env.clock().advance(Duration.ofMinutes(1)); // the deliver-alerts task's turn (alert.interval), whatever check did
    CliRunner.Run once = run("daemon", "--once");
    assertThat(once.exit()).as(once.err()).isZero();
    env.clock().advance(Duration.ofMinutes(1));
    assertThat(run("daemon", "--once").exit()).isZero();

    assertThat(receiver.received()).extracting(r -> r.header("X-Embedwatch-Alert"))
        .as("every alert a manual check recorded, delivered once by the scheduled task")
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(((Number) cli.query("select count(*) n from alert_delivery where delivered_at is not null").get(0)
        .get("n")).longValue()).isEqualTo(expected.size());
    Object next = cli.query("select execution_time from scheduled_tasks where task_name = 'deliver-alerts'").get(0)
        .get("execution_time");
    java.time.Instant at = next instanceof java.time.OffsetDateTime o ? o.toInstant()
        : ((java.sql.Timestamp) next).toInstant();
    assertThat(at).as("the task comes again after alert.interval").isAfter(env.clock().instant());
  }

  @Test
  void aDeletionIsPostedOnceSignedWithTheObservationsAsStored() throws Exception {
    startCli(webhook());
    deletionFoundByCheck();
    Map<String, Object> transition = cli.query("select s.id, s.since, s.evidence from post_state s join post p"
        + " on p.id = s.post_ref where p.post_id = ? and s.state = 'SUSPECTED_UNAVAILABLE'", Articles.PHOTO_POST).get(0);
    String alertId = "state:" + transition.get("id");

    CliRunner.Run send = run("alerts", "send");

    assertThat(send.exit()).as(send.err()).isZero();
    List<String> expected = storedAlertIds();
    assertThat(expected).contains(alertId);
    assertThat(send.out()).contains("webhook http://127.0.0.1:").contains("/hooks/embedwatch?…: " + expected.size()
        + " delivered, 0 failed (tried again later), 0 given up, 0 pending");
    List<WebhookReceiver.Received> got = receiver.received();
    assertThat(got).extracting(r -> r.header("X-Embedwatch-Alert")).containsExactlyInAnyOrderElementsOf(expected);
    WebhookReceiver.Received r = got.stream().filter(x -> x.header("X-Embedwatch-Alert").equals(alertId))
        .findFirst().orElseThrow();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/hooks/embedwatch?token=" + QUERY_TOKEN);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    assertThat(r.header("X-Embedwatch-Signature")).isEqualTo(hmac(r.body()));
    JsonNode body = new ObjectMapper().readTree(r.body());
    assertThat(body.path("version").asInt()).isEqualTo(1);
    JsonNode alert = body.path("alert");
    assertThat(alert.path("id").asText()).isEqualTo(alertId);
    assertThat(alert.path("kind").asText()).isEqualTo("suspected_unavailable");
    assertThat(alert.path("reason").asText()).isEqualTo("deleted");
    assertThat(alert.path("summary").asText()).isEqualTo(transition.get("evidence"))
        .contains("unavailable (deleted) at 1 check");
    assertThat(Instant.parse(alert.path("first_seen").asText()))
        .isEqualTo(((OffsetDateTime) transition.get("since")).toInstant());
    assertThat(alert.path("post").path("platform").asText()).isEqualTo("x");
    assertThat(alert.path("post").path("id").asText()).isEqualTo(Articles.PHOTO_POST);
    assertThat(alert.path("post").path("handle").asText()).isEqualTo("SamuelSusla");
    assertThat(alert.path("post").path("url").asText()).contains(Articles.PHOTO_POST);
    assertThat(alert.path("articles")).hasSize(1);
    assertThat(alert.path("articles").get(0).asText()).endsWith("two.html");
    JsonNode delivery = body.path("delivery");
    assertThat(delivery.path("id").asText()).isEqualTo(r.header("X-Embedwatch-Delivery")).isNotBlank();
    assertThat(delivery.path("attempt").asInt()).isEqualTo(1);
    assertThat(delivery.path("sink").asText()).isEqualTo("webhook");
    assertThat(Instant.parse(delivery.path("sent_at").asText()).getEpochSecond())
        .isEqualTo(Long.parseLong(r.header("X-Embedwatch-Timestamp")))
        .isEqualTo(env.clock().instant().getEpochSecond());
    Map<String, Object> row = cli.query("select attempts, delivered_at, last_error, delivery_id from alert_delivery"
        + " where sink = 'webhook' and source = 'state' and source_id = ?", transition.get("id")).get(0);
    assertThat(row.get("attempts")).isEqualTo(1);
    assertThat(row.get("delivered_at")).isNotNull();
    assertThat(row.get("last_error")).isNull();
    assertThat(row.get("delivery_id")).isEqualTo(r.header("X-Embedwatch-Delivery"));

    CliRunner.Run again = run("alerts", "send");

    assertThat(again.exit()).isZero();
    assertThat(again.out()).contains(": 0 delivered, 0 failed (tried again later), 0 given up, 0 pending");
    assertThat(receiver.received()).hasSize(expected.size());
    CliRunner.Run list = run("alerts", "list");
    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.out()).contains(alertId + "  ").contains("SUSPECTED_UNAVAILABLE (deleted)  x "
        + Articles.PHOTO_POST + " @SamuelSusla").contains("webhook delivered ").contains("(1 attempt)");
    assertNoSecretAnywhere();
  }

  @Test
  void aFailedPostIsTriedAgainAfterTheBackoffAndDeliveredOnce() throws Exception {
    startCli(webhook());
    deletionFoundByCheck();
    List<String> expected = storedAlertIds();
    receiver.answer(500);

    CliRunner.Run first = run("alerts", "send");

    assertThat(first.exit()).isEqualTo(1);
    assertThat(first.out()).contains((expected.size() - 1) + " delivered, 1 failed (tried again later), 0 given up,"
        + " 1 pending");
    String failedId = receiver.received().get(0).header("X-Embedwatch-Alert");
    String[] parts = failedId.split(":");
    Map<String, Object> row = cli.query("select attempts, delivered_at, next_attempt_at, last_error from"
        + " alert_delivery where sink = 'webhook' and source = ? and source_id = ?", parts[0],
        Long.parseLong(parts[1])).get(0);
    assertThat(row.get("attempts")).isEqualTo(1);
    assertThat(row.get("delivered_at")).isNull();
    assertThat(row.get("last_error")).isEqualTo("HTTP 500");
    assertThat(((OffsetDateTime) row.get("next_attempt_at")).toInstant())
        .isEqualTo(env.clock().instant().plus(Duration.ofMinutes(5)));

    env.clock().advance(Duration.ofMinutes(4));
    CliRunner.Run early = run("alerts", "send");
    assertThat(early.out()).contains(": 0 delivered, 0 failed (tried again later), 0 given up, 1 pending");
    assertThat(receiver.received()).hasSize(expected.size());

    env.clock().advance(Duration.ofMinutes(1));
    CliRunner.Run retry = run("alerts", "send");

    assertThat(retry.exit()).as(retry.out()).isZero();
    assertThat(retry.out()).contains(": 1 delivered, 0 failed (tried again later), 0 given up, 0 pending");
    List<WebhookReceiver.Received> tries = receiver.received().stream()
        .filter(r -> r.header("X-Embedwatch-Alert").equals(failedId)).toList();
    assertThat(tries).hasSize(2);
    assertThat(tries).extracting(r -> r.header("X-Embedwatch-Delivery")).containsOnly(tries.get(0)
        .header("X-Embedwatch-Delivery"));
    assertThat(tries).extracting(r -> new ObjectMapper().readTree(r.body()).path("delivery").path("attempt").asInt())
        .containsExactly(1, 2);
    assertThat(tries.get(1).header("X-Embedwatch-Signature")).isEqualTo(hmac(tries.get(1).body()));
    Map<String, Object> after = cli.query("select attempts, delivered_at, last_error from alert_delivery where"
        + " sink = 'webhook' and source = ? and source_id = ?", parts[0], Long.parseLong(parts[1])).get(0);
    assertThat(after.get("attempts")).isEqualTo(2);
    assertThat(after.get("delivered_at")).isNotNull();
    assertThat(after.get("last_error")).isNull();
    assertThat(receiver.received()).extracting(r -> r.header("X-Embedwatch-Alert"))
        .hasSize(expected.size() + 1).containsAll(expected);
    assertThat(logs.list).anyMatch(e -> e.getLevel() == Level.WARN
        && e.getFormattedMessage().contains("alert " + failedId + " to webhook")
        && e.getFormattedMessage().contains("HTTP 500"));
    assertNoSecretAnywhere();
  }

  @Test
  void theAtomFeedHoldsEachAlertAndIsWrittenAgainOnlyForNewOnes() throws Exception {
    startCli(Map.of("alert.atom.file", "feeds/alerts.atom"));
    deletionFoundByCheck();
    List<String> expected = storedAlertIds();

    CliRunner.Run send = run("alerts", "send");

    assertThat(send.exit()).as(send.err()).isZero();
    Path feed = cli.archiveDir().resolve("feeds/alerts.atom");
    assertThat(send.out()).contains("atom " + feed.toAbsolutePath().normalize() + ": " + expected.size()
        + " delivered");
    Document doc = parse(feed);
    Element root = doc.getDocumentElement();
    assertThat(root.getNamespaceURI()).isEqualTo(ATOM);
    assertThat(root.getLocalName()).isEqualTo("feed");
    assertThat(text(root, "id")).startsWith("urn:uuid:");
    NodeList entries = root.getElementsByTagNameNS(ATOM, "entry");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < entries.getLength(); i++) {
      ids.add(text((Element) entries.item(i), "id"));
    }
    assertThat(ids).containsExactlyInAnyOrderElementsOf(expected.stream().map(id -> "urn:embedwatch:alert:" + id)
        .toList());
    Map<String, Object> transition = cli.query("select s.id, s.evidence from post_state s join post p on p.id ="
        + " s.post_ref where p.post_id = ? and s.state = 'SUSPECTED_UNAVAILABLE'", Articles.PHOTO_POST).get(0);
    Element deletion = entry(entries, "urn:embedwatch:alert:state:" + transition.get("id"));
    assertThat(text(deletion, "title")).isEqualTo("SUSPECTED_UNAVAILABLE (deleted): x " + Articles.PHOTO_POST
        + " @SamuelSusla");
    assertThat(text(deletion, "summary")).startsWith((String) transition.get("evidence")).contains("two.html");
    Element link = (Element) deletion.getElementsByTagNameNS(ATOM, "link").item(0);
    assertThat(link.getAttribute("href")).contains(Articles.PHOTO_POST).startsWith("https://");
    assertThat(cli.query("select count(*) as n from alert_delivery where sink = 'atom' and delivered_at is not null")
        .get(0).get("n")).isEqualTo((long) expected.size());
    String written = Files.readString(feed);
    try (Stream<Path> left = Files.list(feed.getParent())) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("alerts.atom",
          "alerts.atom.lock");
    }

    env.clock().advance(Duration.ofMinutes(1));
    CliRunner.Run again = run("alerts", "send");

    assertThat(again.out()).contains(": 0 delivered");
    assertThat(Files.readString(feed)).isEqualTo(written);
  }

  @Test
  void aSinkSetUpOnAnArchiveWithFindingsGetsOnlyNewOnesUnlessBackfilled() throws Exception {
    startCli(Map.of());
    deletionFoundByCheck();
    List<String> old = storedAlertIds();
    String url = receiver.url("/hook");

    CliRunner.Run send = run("--set", "alert.webhook.url=" + url, "--set", "alert.webhook.secret=" + SECRET,
        "alerts", "send");

    assertThat(send.exit()).as(send.err()).isZero();
    assertThat(send.out()).contains(": 0 delivered, 0 failed (tried again later), 0 given up, 0 pending");
    assertThat(receiver.received()).isEmpty();
    CliRunner.Run list = run("--set", "alert.webhook.url=" + url, "--set", "alert.webhook.secret=" + SECRET,
        "alerts", "list");
    assertThat(list.out()).contains("webhook not sent (recorded before this sink was set up; see alert.backfill)")
        .contains(old.size() + (old.size() == 1 ? " alert" : " alerts"));

    CliRunner.Run backfill = run("--set", "alert.atom.file=alerts.atom", "--set", "alert.backfill=true",
        "alerts", "send");

    assertThat(backfill.out()).contains("atom ").contains(": " + old.size() + " delivered");
    // A new finding after the webhook was set up is its own: the photo post's deletion confirmed later on.
    env.clock().advance(Duration.ofHours(12));
    run("--set", "alert.webhook.url=" + url, "--set", "alert.webhook.secret=" + SECRET, "check", "--all");
    env.clock().advance(Duration.ofHours(13));
    run("--set", "alert.webhook.url=" + url, "--set", "alert.webhook.secret=" + SECRET, "check", "--all");
    List<String> all = storedAlertIds();
    assertThat(cli.query("select state from post where post_id = ?", Articles.PHOTO_POST).get(0).get("state"))
        .isEqualTo("CONFIRMED_UNAVAILABLE");
    assertThat(all).hasSizeGreaterThan(old.size());
    CliRunner.Run later = run("--set", "alert.webhook.url=" + url, "--set", "alert.webhook.secret=" + SECRET,
        "alerts", "send");
    assertThat(later.exit()).as(later.out()).isZero();
    assertThat(receiver.received()).extracting(r -> r.header("X-Embedwatch-Alert"))
        .containsExactlyInAnyOrderElementsOf(all.stream().filter(id -> !old.contains(id)).toList());
  }

  @Test
  void aWebhookWithoutASecretOrNoSinkAtAllIsRefusedInOneLine() throws IOException {
    startCli(Map.of());
    Path article = Files.writeString(work.resolve("two.html"), Articles.twoEmbeds());
    assertThat(run("archive", article.toString()).exit()).isZero();

    CliRunner.Run unsigned = run("--set", "alert.webhook.url=http://127.0.0.1:9/x?token=" + QUERY_TOKEN, "alerts",
        "send");

    assertThat(unsigned.exit()).isEqualTo(1);
    assertThat(unsigned.err().strip()).doesNotContain("\n").startsWith("error: alert.webhook.url is set")
        .contains("alert.webhook.secret is empty").doesNotContain(QUERY_TOKEN);
    CliRunner.Run weak = run("--set", "alert.webhook.url=http://127.0.0.1:9/x", "--set",
        "alert.webhook.secret=short1", "alerts", "send");
    assertThat(weak.exit()).isEqualTo(1);
    assertThat(weak.err()).contains("alert.webhook.secret").doesNotContain("short1");
    CliRunner.Run none = run("alerts", "send");
    assertThat(none.exit()).isEqualTo(1);
    assertThat(none.err().strip()).isEqualTo("error: no alert sink is configured: set alert.webhook.url and"
        + " alert.webhook.secret, or alert.atom.file (see config/embedwatch.properties)");
  }

  private void assertNoSecretAnywhere() throws IOException {
    for (CliRunner.Run r : runs) {
      assertThat(r.out() + r.err()).doesNotContain(SECRET).doesNotContain(QUERY_TOKEN);
    }
    assertThat(logs.list).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(SECRET)
        .doesNotContain(QUERY_TOKEN));
    assertThat(cli.storedText()).doesNotContain(SECRET).doesNotContain(QUERY_TOKEN);
    try (Stream<Path> files = Files.walk(cli.archiveDir())) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        assertThat(bytes).as(f.toString()).doesNotContain(SECRET).doesNotContain(QUERY_TOKEN);
      }
    }
  }

  private static Document parse(Path feed) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(feed.toFile());
  }

  private static String text(Element parent, String name) {
    NodeList children = parent.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i) instanceof Element e && name.equals(e.getLocalName()) && ATOM.equals(e.getNamespaceURI())) {
        return e.getTextContent();
      }
    }
    throw new AssertionError("no <" + name + "> in <" + parent.getLocalName() + ">");
  }

  private static Element entry(NodeList entries, String id) {
    for (int i = 0; i < entries.getLength(); i++) {
      Element e = (Element) entries.item(i);
      if (text(e, "id").equals(id)) {
        return e;
      }
    }
    throw new AssertionError("no entry " + id);
  }
}
