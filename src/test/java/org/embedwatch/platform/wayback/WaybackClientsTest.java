package org.embedwatch.platform.wayback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;
import org.embedwatch.config.SettingsLoader;
import java.util.Optional;
import java.util.List;
import java.util.ArrayList;
import java.time.Instant;
import org.embedwatch.evidence.Outcome;
import org.embedwatch.evidence.Platform;
import org.embedwatch.archive.ExchangeRecorder;
import org.embedwatch.net.Fetch;
import org.embedwatch.net.HttpFetcher;
import org.embedwatch.platform.PostKey;
import org.embedwatch.sandbox.Fault;
import org.embedwatch.sandbox.MutableClock;
import org.embedwatch.sandbox.Sandbox;
import org.embedwatch.sandbox.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The CDX and availability clients against the sandbox's Wayback Machine: each answer maps to one outcome. */
class WaybackClientsTest {
  private static final String PHOTO = "1641086480675225601";
  private static final PostKey PHOTO_KEY = new PostKey(Platform.X, PHOTO, "SamuelSusla",
      "https://twitter.com/SamuelSusla/status/" + PHOTO);

  @TempDir Path work;
  private Sandbox sandbox;
  private HttpFetcher http;
  private CdxClient cdx;
  private AvailabilityClient availability;

  @BeforeEach
  void start() throws IOException {
    MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    sandbox = Sandbox.start(0, Scenario.demo(), clock);
    List<String> sets = new ArrayList<>(List.of("net.only-routed=true", "net.rate.default=off", "net.retries=0",
        "net.user-agent=Mozilla/5.0 (test)"));
    sandbox.routes().forEach((k, v) -> sets.add(k + "=" + v));
    http = new HttpFetcher(new SettingsLoader(work).load(Optional.empty(), sets).net(), ExchangeRecorder.none(), clock,
        wait -> { });
    ObjectMapper json = new ObjectMapper();
    cdx = new CdxClient(http, json);
    availability = new AvailabilityClient(http, json);
  }

  @AfterEach
  void stop() throws IOException {
    http.close();
    sandbox.close();
  }

  @Test
  void theTwitterComFormListsTheCapturesOfThePostWithTheirFields() {
    WaybackAnswer answer = cdx.search(CdxClient.patterns(PHOTO_KEY).get(0), PHOTO);

    assertThat(answer).isInstanceOf(WaybackAnswer.Found.class);
    WaybackAnswer.Found found = (WaybackAnswer.Found) answer;
    assertThat(found.outcome()).isEqualTo(Outcome.AVAILABLE);
    assertThat(found.mementos()).extracting(Memento::original).containsExactly(
        "https://twitter.com/SamuelSusla/status/" + PHOTO, "http://twitter.com/SamuelSusla/status/" + PHOTO + "?s=20");
    assertThat(found.mementos()).extracting(Memento::statusCode).containsExactly("200", "302");
    assertThat(found.mementos()).allSatisfy(m -> {
      assertThat(m.digest()).matches("[A-Z2-7]{32}");
      assertThat(m.mimetype()).isEqualTo("text/html");
      assertThat(m.uri()).isEqualTo("https://web.archive.org/web/" + m.timestamp() + "/" + m.original());
    });
    assertThat(sandbox.requests()).last().satisfies(r -> {
      assertThat(r.host()).isEqualTo("web.archive.org");
      assertThat(r.queryParam("url")).contains("twitter.com/SamuelSusla/status/" + PHOTO);
      assertThat(r.queryParam("matchType")).contains("prefix");
      assertThat(r.queryParam("output")).contains("json");
      assertThat(r.queryParam("fl")).contains(CdxClient.FIELDS);
    });
  }

  @Test
  void theQueriedFormsAreTwitterXAndTheIWebForm() {
    assertThat(CdxClient.patterns(PHOTO_KEY)).containsExactly("twitter.com/SamuelSusla/status/" + PHOTO,
        "x.com/SamuelSusla/status/" + PHOTO, "twitter.com/i/web/status/" + PHOTO);
    assertThat(CdxClient.patterns(new PostKey(Platform.X, PHOTO, null, null)))
        .containsExactly("twitter.com/i/web/status/" + PHOTO);
  }

  @Test
  void aFormNeverCapturedIsNoneFound() {
    WaybackAnswer answer = cdx.search("twitter.com/i/web/status/" + PHOTO, PHOTO);

    assertThat(answer).isInstanceOf(WaybackAnswer.NoneFound.class);
    assertThat(answer.outcome()).isEqualTo(Outcome.NOT_FOUND);
    assertThat(((Fetch.Response) answer.fetch()).status()).isEqualTo(200);
  }

  @Test
  void aBlockedSiteIsARefusalNotAnAbsence() {
    sandbox.setWaybackFault(Fault.status(403));

    WaybackAnswer answer = cdx.search(CdxClient.patterns(PHOTO_KEY).get(0), PHOTO);

    assertThat(answer.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(answer.detail()).startsWith("blocked site: HTTP 403").contains("Blocked Site Error");
  }

  @Test
  void aRateLimitWithoutRetryAfterIsRateLimited() {
    sandbox.setWaybackFault(Fault.status(429));

    WaybackAnswer answer = cdx.search(CdxClient.patterns(PHOTO_KEY).get(0), PHOTO);

    assertThat(answer.outcome()).isEqualTo(Outcome.RATE_LIMITED);
    assertThat(((Fetch.Response) answer.fetch()).header("Retry-After")).isEmpty();
  }

  @Test
  void aServerErrorIsInconclusive() {
    sandbox.setWaybackFault(Fault.status(503));

    assertThat(cdx.search(CdxClient.patterns(PHOTO_KEY).get(0), PHOTO).outcome()).isEqualTo(Outcome.SERVER_ERROR);
    assertThat(availability.closest(PHOTO_KEY.url()).outcome()).isEqualTo(Outcome.SERVER_ERROR);
  }

  @Test
  void availabilityGivesTheClosestSnapshotAsAnHttpsMementoUri() {
    WaybackAnswer answer = availability.closest(PHOTO_KEY.url());

    assertThat(answer).isInstanceOf(WaybackAnswer.Found.class);
    Memento m = ((WaybackAnswer.Found) answer).mementos().get(0);
    assertThat(m.original()).isEqualTo("http://twitter.com/SamuelSusla/status/" + PHOTO + "?s=20");
    assertThat(m.statusCode()).isEqualTo("302");
    assertThat(m.uri()).startsWith("https://web.archive.org/web/" + m.timestamp() + "/http://twitter.com/");
    assertThat(answer.endpoint()).isEqualTo(AvailabilityClient.ENDPOINT);
  }

  @Test
  void availabilityWithoutSnapshotsIsNoneFound() {
    WaybackAnswer answer = availability.closest("https://twitter.com/nobody/status/1");

    assertThat(answer).isInstanceOf(WaybackAnswer.NoneFound.class);
  }
}
