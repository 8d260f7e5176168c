package org.embedwatch.net;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.embedwatch.archive.HttpExchangeRecord;
import org.embedwatch.config.SettingsLoader;
import org.embedwatch.sandbox.MutableClock;
import org.embedwatch.testsupport.PageServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A secret query parameter is sent as given and shown nowhere: not in records, not in the Fetch, not in logs. */
class HttpFetcherSecretsTest {
  private static final String SECRET = "987654|do-not-show-me";
  private static final String ENCODED = "987654%7Cdo-not-show-me";

  @TempDir Path dir;
  private PageServer pages;
  private final List<HttpExchangeRecord> recorded = new CopyOnWriteArrayList<>();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(HttpFetcher.class);
  private Level level;
  private HttpFetcher http;

  @BeforeEach
  void start() {
    pages = PageServer.start();
    pages.answer("/graph/v18.0/instagram_oembed", 400, "application/json", "{\"error\":{\"code\":24}}");
    http = new HttpFetcher(new SettingsLoader(dir).load(Optional.empty(), List.of(
        "net.route.graph.facebook.com=" + pages.url("/graph"), "net.rate.default=off", "net.retries=1",
        "net.retry-backoff=PT0.001S", "net.only-routed=true")).net(),
        exchange -> {
          recorded.add(exchange);
          return null;
        }, new MutableClock(Instant.parse("2026-01-01T00:00:00Z")), wait -> { });
    level = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    logger.setAdditive(false); // the debug lines go to the list only, not to the build's stderr
    logs.start();
    logger.addAppender(logs);
  }

  @AfterEach
  void stop() throws IOException {
    logger.detachAppender(logs);
    logger.setAdditive(true);
    logger.setLevel(level);
    http.close();
    pages.close();
  }

  @Test
  void theTokenGoesOutButIsRedactedInTheRecordTheFetchAndTheLog() {
    Fetch fetch = http.get(URI.create("https://graph.facebook.com/v18.0/instagram_oembed?url=x&access_token="
        + ENCODED), Map.of());

    assertThat(pages.requested()).containsExactly("/graph/v18.0/instagram_oembed?url=x&access_token=" + ENCODED);
    assertThat(fetch.uri()).hasToString(
        "https://graph.facebook.com/v18.0/instagram_oembed?url=x&access_token=[redacted]");
    assertThat(((Fetch.Response) fetch).finalUri()).isEqualTo(fetch.uri());
    assertThat(recorded).singleElement().satisfies(r -> {
      assertThat(r.targetUri()).isEqualTo(fetch.uri());
      assertThat(r.routedTo().toString()).endsWith("/graph/v18.0/instagram_oembed?url=x&access_token=[redacted]");
    });
    assertThat(logs.list).isNotEmpty().allSatisfy(e -> assertThat(e.getFormattedMessage())
        .doesNotContain(SECRET, ENCODED, "do-not-show-me"));
  }

  @Test
  void aFailedExchangeIsRedactedToo() throws IOException {
    pages.close();

    Fetch fetch = http.get(URI.create("https://graph.facebook.com/v18.0/instagram_oembed?access_token=" + ENCODED),
        Map.of());

    assertThat(fetch).isInstanceOf(Fetch.Failure.class);
    assertThat(fetch.uri().toString()).endsWith("access_token=[redacted]");
    assertThat(((Fetch.Failure) fetch).message()).doesNotContain("do-not-show-me");
    assertThat(recorded).hasSize(2).allSatisfy(r -> {
      assertThat(r.targetUri().toString()).doesNotContain("do-not-show-me");
      assertThat(r.failure()).doesNotContain("do-not-show-me");
    });
    assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
        .anySatisfy(m -> assertThat(m).contains("retrying"))
        .allSatisfy(m -> assertThat(m).doesNotContain("do-not-show-me"));
  }
}
