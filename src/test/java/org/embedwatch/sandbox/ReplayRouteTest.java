package org.embedwatch.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.embedwatch.sandbox.SandboxClient.PHOTO_ID;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulated Wayback Machine's raw replays ({@code /web/<ts>id_/<url>}). */
class ReplayRouteTest {
  private static final String PAGE = "https://twitter.com/SamuelSusla/status/" + PHOTO_ID;

  private Sandbox sandbox;
  private SandboxClient client;

  @BeforeEach
  void start() throws IOException {
    sandbox = Sandbox.start(0, Scenario.demo(), new MutableClock(Instant.parse("2026-01-01T00:00:00Z")));
    client = new SandboxClient(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void aCaptureIsServedRawWithMementoHeaders() throws Exception {
    HttpResponse<byte[]> r = client.get("web.archive.org/web/20230329173441id_/" + PAGE);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(r.headers().firstValue("Memento-Datetime")).hasValue("Wed, 29 Mar 2023 17:34:41 GMT");
    assertThat(r.headers().firstValue("Link")).hasValueSatisfying(link -> assertThat(link)
        .startsWith("<" + PAGE + ">; rel=\"original\"")
        .contains("<https://web.archive.org/web/20230329173441/" + PAGE + ">; rel=\"memento\""));
    assertThat(r.headers().firstValue("x-archive-src")).isPresent();
    assertThat(SandboxClient.text(r)).contains("class=\"TweetTextSize TweetTextSize--jumbo js-tweet-text tweet-text\"")
        .doesNotContain("web.archive.org");
  }

  @Test
  void theShareLinkIsReplayedAsARedirectIntoTheArchive() throws Exception {
    HttpResponse<byte[]> r = client.get("web.archive.org/web/20230331143441id_/http://twitter.com/SamuelSusla/status/"
        + PHOTO_ID + "?s=20");

    assertThat(r.statusCode()).isEqualTo(302);
    assertThat(r.headers().firstValue("Location")).hasValue("https://web.archive.org/web/20230329173441id_/" + PAGE);
  }

  @Test
  void aPartialTimestampRedirectsToTheClosestCaptureAndAnUnknownUrlIsTheArchives404() throws Exception {
    HttpResponse<byte[]> near = client.get("web.archive.org/web/2023id_/" + PAGE);
    HttpResponse<byte[]> never = client.get("web.archive.org/web/20230329173441id_/https://twitter.com/a/status/1");

    assertThat(near.statusCode()).isEqualTo(302);
    assertThat(near.headers().firstValue("Location")).hasValue("https://web.archive.org/web/20230329173441id_/" + PAGE);
    assertThat(never.statusCode()).isEqualTo(404);
    assertThat(SandboxClient.text(never)).contains("<title>Wayback Machine</title>");
  }
}
