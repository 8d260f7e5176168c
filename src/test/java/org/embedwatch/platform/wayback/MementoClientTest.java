package org.embedwatch.platform.wayback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.embedwatch.evidence.Outcome;
import org.embedwatch.evidence.Platform;
import org.embedwatch.archive.ExchangeRecorder;
import org.embedwatch.config.SettingsLoader;
import org.embedwatch.net.Fetch;
import org.embedwatch.net.HttpFetcher;
import org.embedwatch.platform.PostKey;
import org.embedwatch.sandbox.Change;
import org.embedwatch.sandbox.Fault;
import org.embedwatch.sandbox.MutableClock;
import org.embedwatch.sandbox.Sandbox;
import org.embedwatch.sandbox.Scenario;
import org.embedwatch.testsupport.PageServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link MementoClient} against the sandbox's Wayback Machine: the raw bytes of mementos listed by CDX. */
class MementoClientTest {
  private static final String PHOTO = "1641086480675225601";
  private static final String TEXT = "If you are interested about View Flattening in React Native";
  private static final String EARLY = "1700000000000000001";

  @TempDir Path work;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final ObjectMapper json = new ObjectMapper();
  private Sandbox sandbox;
  private HttpFetcher http;
  private CdxClient cdx;
  private MementoClient client;

  @BeforeEach
  void start() throws IOException {
    sandbox = Sandbox.start(0, new Scenario(List.of(
        Scenario.Post.of(PHOTO, "photo_tweet_1641086480675225601.json"),
        // Deleted an hour after it was posted: every archived copy of its pages shows it gone.
        new Scenario.Post(EARLY, "photo_tweet_1641086480675225601.json", "gone soon", "early", "Early",
            Instant.parse("2024-01-01T00:00:00Z"), List.of(Scenario.Event.at(Instant.parse("2024-01-01T01:00:00Z"),
            Change.deleted())))), List.of()), clock);
    http = fetcher(sandbox.routes());
    cdx = new CdxClient(http, json);
    client = new MementoClient(http, json);
  }

  private HttpFetcher fetcher(Map<String, String> routes) {
    List<String> sets = new ArrayList<>(List.of("net.only-routed=true", "net.rate.default=off", "net.retries=0",
        "net.read-timeout=PT0.3S"));
    routes.forEach((k, v) -> sets.add(k + "=" + v));
    return new HttpFetcher(new SettingsLoader(work).load(Optional.empty(), sets).net(), ExchangeRecorder.none(), clock,
        wait -> { });
  }

  @AfterEach
  void stop() throws IOException {
    http.close();
    sandbox.close();
  }

  /** The mementos CDX lists for the post's form {@code pattern}. */
  private List<Memento> listed(String pattern, String id) {
    return ((WaybackAnswer.Found) cdx.search(pattern, id)).mementos();
  }

  private static PostKey photo() {
    return new PostKey(Platform.X, PHOTO, "SamuelSusla", "https://twitter.com/SamuelSusla/status/" + PHOTO);
  }

  @Test
  void aServerRenderedStatusPageGivesItsBytesTheirTextAndAMatchingDigest() {
    Memento page = listed(CdxClient.patterns(photo()).get(0), PHOTO).get(0);

    MementoReplay replay = client.fetch(page, PHOTO);

    assertThat(replay).isInstanceOf(MementoReplay.Served.class);
    MementoReplay.Served served = (MementoReplay.Served) replay;
    assertThat(served.outcome()).isEqualTo(Outcome.AVAILABLE);
    assertThat(served.fetch().uri().toString()).isEqualTo("https://web.archive.org/web/" + page.timestamp()
        + "id_/https://twitter.com/SamuelSusla/status/" + PHOTO);
    assertThat(served.mementoDatetime()).isEqualTo("Wed, 29 Mar 2023 17:34:41 GMT");
    assertThat(served.fetch().header("Link")).hasValueSatisfying(link -> assertThat(link)
        .contains("<https://twitter.com/SamuelSusla/status/" + PHOTO + ">; rel=\"original\"")
        .contains("rel=\"memento\""));
    assertThat(served.text().source()).isEqualTo("tweet-text");
    assertThat(served.text().text()).startsWith(TEXT);
    assertThat(Base32Sha1.of(served.fetch().body())).isEqualTo(page.digest());
    assertThat(served.detail()).contains("payload SHA-1 matches the CDX digest", "text from tweet-text");
  }

  @Test
  void anXComPageGivesItsTextFromOgDescription() {
    Memento page = listed(CdxClient.patterns(photo()).get(1), PHOTO).get(0);

    MementoReplay.Served served = (MementoReplay.Served) client.fetch(page, PHOTO);

    assertThat(served.text().source()).isEqualTo("og:description");
    assertThat(served.text().text()).startsWith(TEXT).doesNotStartWith("“");
  }

  @Test
  void theArchivedSyndicationJsonGivesTheTweetsText() {
    sandbox.setSyndicationArchived(true);
    List<Memento> json = listed(CdxClient.syndicationPattern(PHOTO), PHOTO);

    MementoReplay.Served served = (MementoReplay.Served) client.fetch(json.get(0), PHOTO);

    assertThat(json).extracting(Memento::mimetype).containsExactly("application/json");
    assertThat(served.fetch().contentType()).isEqualTo("application/json");
    assertThat(served.text().source()).isEqualTo("json text");
    assertThat(served.text().text()).startsWith(TEXT);
    assertThat(served.detail()).contains("payload SHA-1 matches the CDX digest");
  }

  @Test
  void aCopyMadeAfterThePostWasGoneIsServedWithoutText() {
    Memento page = listed("twitter.com/early/status/" + EARLY, EARLY).get(0);

    MementoReplay.Served served = (MementoReplay.Served) client.fetch(page, EARLY);

    assertThat(new String(served.fetch().body(), StandardCharsets.UTF_8)).contains("Sorry, that page doesn’t exist!");
    assertThat(served.text()).isNull();
    assertThat(served.detail()).contains("no post text in it");
  }

  @Test
  void aCaptureTheArchiveDoesNotHoldIsMissing() {
    Memento real = listed(CdxClient.patterns(photo()).get(0), PHOTO).get(0);
    Memento never = new Memento("https://twitter.com/SamuelSusla/status/999", real.timestamp(), real.at(), "200",
        null, "text/html", null);

    MementoReplay replay = client.fetch(never, PHOTO);

    assertThat(replay).isInstanceOf(MementoReplay.Missing.class);
    assertThat(replay.outcome()).isEqualTo(Outcome.NOT_FOUND);
    assertThat(((Fetch.Response) replay.fetch()).body()).asString().contains("<title>Wayback Machine</title>");
  }

  @Test
  void aNearbyTimestampIsRedirectedToTheCaptureAndADigestThatDiffersIsSaid() {
    Memento real = listed(CdxClient.patterns(photo()).get(0), PHOTO).get(0);
    Memento near = new Memento(real.original(), real.timestamp().substring(0, 8) + "000000",
        Memento.instant(real.timestamp().substring(0, 8) + "000000"), "200", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "text/html", null);

    MementoReplay.Served served = (MementoReplay.Served) client.fetch(near, PHOTO);

    assertThat(served.fetch().finalUri().toString()).isEqualTo(real.rawUri());
    assertThat(served.detail()).contains("redirected to " + real.rawUri())
        .contains("differs from the CDX digest AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  }

  @Test
  void archiveFailuresAreInconclusive() {
    Memento page = listed(CdxClient.patterns(photo()).get(0), PHOTO).get(0);

    sandbox.setFault("web.archive.org", Fault.status(503));
    assertThat(client.fetch(page, PHOTO).outcome()).isEqualTo(Outcome.SERVER_ERROR);
    sandbox.setFault("web.archive.org", Fault.truncated());
    assertThat(client.fetch(page, PHOTO).outcome()).isEqualTo(Outcome.TRANSPORT_ERROR);
    sandbox.setFault("web.archive.org", Fault.slow(Duration.ofMinutes(10)));
    assertThat(client.fetch(page, PHOTO)).isInstanceOfSatisfying(MementoReplay.Inconclusive.class,
        i -> assertThat(i.outcome()).isEqualTo(Outcome.TRANSPORT_ERROR));
    sandbox.setFault("web.archive.org", Fault.status(429));
    assertThat(client.fetch(page, PHOTO).outcome()).isEqualTo(Outcome.RATE_LIMITED);
    sandbox.releaseHeldRequests();
  }

  @Test
  void a200WithoutMementoDatetimeIsNotAMemento() throws IOException {
    Memento memento = new Memento("https://twitter.com/a/status/1", "20230101000000",
        Memento.instant("20230101000000"), "200", null, "text/html", null);
    try (PageServer pages = PageServer.start().page("/web/20230101000000id_/https://twitter.com/a/status/1",
        "<html>a login wall</html>".getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", "text/html"));
        HttpFetcher direct = fetcher(Map.of("net.route.web.archive.org", pages.url("")))) {

      MementoReplay replay = new MementoClient(direct, json).fetch(memento, "1");

      assertThat(replay).isInstanceOf(MementoReplay.Inconclusive.class);
      assertThat(replay.outcome()).isEqualTo(Outcome.UNEXPECTED);
      assertThat(replay.detail()).startsWith("HTTP 200 without Memento-Datetime, not a memento: <html>a login wall");
    }
  }

  @Test
  void theDigestIsTheBase32Sha1TheArchiveLists() {
    // The Wayback Machine's digest of an empty payload.
    assertThat(Base32Sha1.of(new byte[0])).isEqualTo("3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ");
  }
}
