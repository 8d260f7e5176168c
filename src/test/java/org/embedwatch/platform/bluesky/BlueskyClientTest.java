package org.embedwatch.platform.bluesky;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;
import org.embedwatch.config.SettingsLoader;
import java.util.Optional;
import java.util.List;
import java.util.ArrayList;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.embedwatch.evidence.Outcome;
import org.embedwatch.evidence.Platform;
import org.embedwatch.evidence.UnavailableReason;
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

/** {@link BlueskyClient} against the sandbox's AppView: one test per outcome. */
class BlueskyClientTest {
  private static final String RKEY = "3l6oveex3ii2l";
  private static final String HANDLE = "alice.bsky.social";
  private static final PostKey POST = new PostKey(Platform.BLUESKY, RKEY, HANDLE,
      "https://bsky.app/profile/" + HANDLE + "/post/" + RKEY);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private Sandbox sandbox;
  private HttpFetcher http;
  @TempDir Path work;
  private BlueskyClient client;

  @BeforeEach
  void start() throws IOException {
    sandbox = Sandbox.start(0, Scenario.of(Scenario.Post.bluesky(RKEY, HANDLE, "Hello from the AppView")), clock);
    List<String> sets = new ArrayList<>(List.of("net.only-routed=true", "net.rate.default=off", "net.user-agent=test", "net.retries=0"));
    sandbox.routes().forEach((k, v) -> sets.add(k + "=" + v));
    http = new HttpFetcher(new SettingsLoader(work).load(Optional.empty(), sets).net(), ExchangeRecorder.none(), clock,
        wait -> { });
    client = new BlueskyClient(http, new ObjectMapper());
  }

  @AfterEach
  void stop() throws IOException {
    http.close();
    sandbox.close();
  }

  @Test
  void aServedPostGivesItsTextAuthorMediaAndAFingerprintThatIgnoresLikes() {
    PostFetch first = client.fetch(POST);
    PostFetch second = client.fetch(POST);

    assertThat(first).isInstanceOf(PostFetch.Served.class);
    PostContent content = ((PostFetch.Served) first).content();
    assertThat(content.postId()).isEqualTo(RKEY);
    assertThat(content.text()).isEqualTo("Hello from the AppView");
    assertThat(content.authorHandle()).isEqualTo(HANDLE);
    assertThat(content.media()).extracting(m -> m.kind().key()).containsExactly("photo", "avatar");
    assertThat(content.media().get(0).url()).startsWith("https://cdn.bsky.app/img/feed_fullsize/");
    assertThat(first.endpoint()).isEqualTo("bluesky-appview");
    assertThat(first.fetch().uri().toString()).startsWith(
        "https://public.api.bsky.app/xrpc/app.bsky.feed.getPostThread?uri=at%3A%2F%2Fdid%3Aplc%3A");
    // likeCount grows with every fetch; the fingerprint does not move.
    assertThat(((PostFetch.Served) second).content().fingerprint()).isEqualTo(content.fingerprint());
    assertThat(((PostFetch.Served) second).fetch().sha256()).isNotEqualTo(((PostFetch.Served) first).fetch().sha256());
    assertThat(sandbox.requests()).extracting(r -> r.hostPath())
        .contains("/xrpc/com.atproto.identity.resolveHandle");
  }

  @Test
  void aPostAskedByDidNeedsNoHandleResolution() {
    String did = ((PostFetch.Served) client.fetch(POST)).fetch().uri().getQuery().split("/")[2];
    int before = sandbox.requests().size();

    PostFetch fetch = client.fetch(new PostKey(Platform.BLUESKY, RKEY, did, null));

    assertThat(fetch).isInstanceOf(PostFetch.Served.class);
    assertThat(sandbox.requests().subList(before, sandbox.requests().size())).extracting(r -> r.hostPath())
        .containsExactly("/xrpc/app.bsky.feed.getPostThread");
  }

  @Test
  void aDeletedPostIsNotFoundBecauseTheAppViewDoesNotSayDeleted() {
    sandbox.apply(RKEY, Change.deleted());

    PostFetch fetch = client.fetch(POST);

    assertThat(fetch).isInstanceOf(PostFetch.NotFound.class);
    assertThat(((PostFetch.NotFound) fetch).detail()).startsWith("NotFound: Post not found: at://did:plc:");
    assertThat(fetch.outcome()).isEqualTo(Outcome.NOT_FOUND);
  }

  @Test
  void aBlockedPostIsUnavailableAsProtected() {
    sandbox.apply(RKEY, Change.protectedAccount());

    PostFetch fetch = client.fetch(POST);

    assertThat(fetch).isInstanceOf(PostFetch.Unavailable.class);
    assertThat(((PostFetch.Unavailable) fetch).reason()).isEqualTo(UnavailableReason.PROTECTED);
  }

  @Test
  void aHandleThatNoLongerResolvesIsNotFoundNotAccountGone() {
    sandbox.apply(RKEY, Change.accountGone());

    PostFetch fetch = client.fetch(POST);

    assertThat(fetch).isInstanceOf(PostFetch.NotFound.class);
    assertThat(((PostFetch.NotFound) fetch).detail()).contains("does not resolve").contains("Unable to resolve");
  }

  @Test
  void serverErrorsRateLimitsAndTransportErrorsAreInconclusive() {
    sandbox.setFault(Fault.status(503));
    PostFetch outage = client.fetch(POST);
    sandbox.setFault(Fault.status(429));
    PostFetch limited = client.fetch(POST);
    clock.advance(Duration.ofHours(1)); // past the park that 429 put the host in
    sandbox.setFault(Fault.none());
    sandbox.close();
    PostFetch down = client.fetch(POST);

    assertThat(outage).isInstanceOf(PostFetch.Inconclusive.class);
    assertThat(outage.outcome()).isEqualTo(Outcome.SERVER_ERROR);
    assertThat(limited.outcome()).isEqualTo(Outcome.RATE_LIMITED);
    assertThat(down.outcome()).isEqualTo(Outcome.TRANSPORT_ERROR);
  }

  @Test
  void aRecordKeyInAnotherRepositoryOrNeverUsedIsNotFound() {
    PostFetch elsewhere = client.fetch(new PostKey(Platform.BLUESKY, RKEY, "did:plc:nosuchthing", null));
    PostFetch never = client.fetch(new PostKey(Platform.BLUESKY, "3zzzzzzzzzzzz", HANDLE, null));

    assertThat(elsewhere).isInstanceOf(PostFetch.NotFound.class);
    assertThat(never).isInstanceOf(PostFetch.NotFound.class);
  }

  @Test
  void anErrorThatIsNeitherNotFoundNorAboutTheAccountIsUnexpected() {
    sandbox.setFault(Fault.status(400));

    PostFetch fetch = client.fetch(POST);

    assertThat(fetch).isInstanceOf(PostFetch.Inconclusive.class);
    assertThat(fetch.outcome()).isEqualTo(Outcome.UNEXPECTED);
    assertThat(((PostFetch.Inconclusive) fetch).detail()).contains("InternalServerError");
  }
}
