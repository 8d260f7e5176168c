package org.embedwatch.platform.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;
import org.embedwatch.config.SettingsLoader;
import java.util.Optional;
import java.util.List;
import java.util.ArrayList;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.embedwatch.evidence.Outcome;
import org.embedwatch.evidence.Platform;
import org.embedwatch.archive.ExchangeRecorder;
import org.embedwatch.net.HttpFetcher;
import org.embedwatch.platform.PostContent;
import org.embedwatch.platform.PostFetch;
import org.embedwatch.platform.PostKey;
import org.embedwatch.sandbox.Change;
import org.embedwatch.sandbox.Fault;
import org.embedwatch.sandbox.MutableClock;
import org.embedwatch.sandbox.Sandbox;
import org.embedwatch.sandbox.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link MastodonClient} against a sandboxed Mastodon server: one test per outcome. */
class MastodonClientTest {
  private static final String ID = "113264455016329920";
  private static final PostKey POST = new PostKey(Platform.MASTODON, ID, "bob@mastodon.social",
      "https://mastodon.social/@bob/" + ID);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private Sandbox sandbox;
  private HttpFetcher http;
  @TempDir Path work;
  private MastodonClient client;

  @BeforeEach
  void start() throws IOException {
    sandbox = Sandbox.start(0, Scenario.of(Scenario.Post.mastodon(ID, "bob@mastodon.social", "First line\nsecond")),
        clock);
    List<String> sets = new ArrayList<>(List.of("net.only-routed=true", "net.rate.default=off", "net.user-agent=test", "net.retries=0"));
    sandbox.routes().forEach((k, v) -> sets.add(k + "=" + v));
    // A server the scenario does not know: routed to the sandbox too, which has no such status there.
    sets.add("net.route.fosstodon.org=" + sandbox.baseUri() + "/fosstodon.org");
    http = new HttpFetcher(new SettingsLoader(work).load(Optional.empty(), sets).net(), ExchangeRecorder.none(), clock,
        wait -> { });
    client = new MastodonClient(http, new ObjectMapper());
  }

  @AfterEach
  void stop() throws IOException {
    http.close();
    sandbox.close();
  }

  @Test
  void aServedStatusGivesItsTextAuthorAvatarAndAFingerprintThatIgnoresCounts() {
    PostFetch first = client.fetch(POST);
    PostFetch second = client.fetch(POST);

    assertThat(first).isInstanceOf(PostFetch.Served.class);
    assertThat(first.endpoint()).isEqualTo("mastodon-api");
    assertThat(first.fetch().uri()).isEqualTo(URI.create("https://mastodon.social/api/v1/statuses/" + ID));
    PostContent content = ((PostFetch.Served) first).content();
    assertThat(content.text()).isEqualTo("First line\nsecond");
    assertThat(content.authorHandle()).isEqualTo("bob@mastodon.social");
    assertThat(content.authorName()).isEqualTo("Eugen");
    assertThat(content.media()).extracting(m -> m.kind().key()).containsExactly("avatar");
    assertThat(((PostFetch.Served) second).content().fingerprint()).isEqualTo(content.fingerprint());
    assertThat(((PostFetch.Served) second).fetch().sha256()).isNotEqualTo(((PostFetch.Served) first).fetch().sha256());
  }

  @Test
  void anEditedStatusHasNewTextAndAnotherFingerprint() {
    String before = ((PostFetch.Served) client.fetch(POST)).content().fingerprint();
    clock.advance(Duration.ofHours(1));
    sandbox.apply(ID, Change.edited("Corrected"));

    PostFetch.Served after = (PostFetch.Served) client.fetch(POST);

    assertThat(after.content().text()).isEqualTo("Corrected");
    assertThat(after.content().fingerprint()).isNotEqualTo(before);
    assertThat(new String(after.fetch().body(), StandardCharsets.UTF_8))
        .contains("\"edited_at\":\"2026-03-01T11:00:00.000Z\"");
  }

  @Test
  void aDeletedStatusIsNotFoundBecauseMastodonDoesNotSayDeleted() {
    sandbox.apply(ID, Change.deleted());

    PostFetch fetch = client.fetch(POST);

    assertThat(fetch).isInstanceOf(PostFetch.NotFound.class);
    assertThat(((PostFetch.NotFound) fetch).detail()).isEqualTo("HTTP 404 {\"error\":\"Record not found\"}");
  }

  @Test
  void aStatusOnAnotherServerIsAskedThereNotHere() {
    PostFetch fetch = client.fetch(new PostKey(Platform.MASTODON, ID, "bob@fosstodon.org",
        "https://fosstodon.org/@bob/" + ID));

    assertThat(fetch.fetch().uri().getHost()).isEqualTo("fosstodon.org");
    assertThat(sandbox.requests().get(sandbox.requests().size() - 1).path())
        .isEqualTo("/fosstodon.org/api/v1/statuses/" + ID);
    assertThat(fetch).isInstanceOf(PostFetch.NotFound.class);
  }

  @Test
  void refusalsServerErrorsRateLimitsAndTransportErrorsAreInconclusive() {
    sandbox.setFault(Fault.status(401));
    PostFetch refused = client.fetch(POST);
    sandbox.setFault(Fault.status(503));
    PostFetch outage = client.fetch(POST);
    sandbox.setFault(Fault.status(429));
    PostFetch limited = client.fetch(POST);
    clock.advance(Duration.ofHours(1)); // past the park that 429 put the host in
    sandbox.setFault(Fault.none());
    sandbox.close();
    PostFetch down = client.fetch(POST);

    assertThat(refused.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(outage.outcome()).isEqualTo(Outcome.SERVER_ERROR);
    assertThat(limited.outcome()).isEqualTo(Outcome.RATE_LIMITED);
    assertThat(down.outcome()).isEqualTo(Outcome.TRANSPORT_ERROR);
  }

  @Test
  void anAnswerThatIsNotAStatusIsUnexpected() {
    sandbox.setFault(Fault.status(400));

    PostFetch fetch = client.fetch(POST);

    assertThat(fetch.outcome()).isEqualTo(Outcome.UNEXPECTED);
  }
}
