package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.embedwatch.evidence.PostState;
import org.embedwatch.testsupport.CliRunner;
import org.embedwatch.testsupport.EvidenceView;
import org.embedwatch.testsupport.HostilePlatform;
import org.embedwatch.testsupport.PageServer;
import org.embedwatch.testsupport.SandboxedCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Review M3: a server that starts its answer and then holds it holds a run no longer than net.request-deadline, its
 * retries included, and what it did is an inconclusive observation naming the limit, never evidence. The deadline is
 * wall-clock, so it is set to one second here.
 */
class SlowLorisIT {
  private static final String ID = "111111111111111108";

  @TempDir Path work;
  private HostilePlatform hostile;
  private SandboxedCli env;
  /** Released when a test ends: the stalled answers are held until then. */
  private final java.util.concurrent.CountDownLatch testOver = new java.util.concurrent.CountDownLatch(1);

  @BeforeEach
  void start() throws IOException {
    hostile = new HostilePlatform();
    Map<String, String> settings = new HashMap<>(hostile.route());
    settings.put("net.request-deadline", "PT1S");
    env = SandboxedCli.start(work, settings);
  }

  @AfterEach
  void stop() {
    testOver.countDown();
    env.close();
    hostile.close();
  }

  /**
   * Content-Length 100000, one byte, then nothing until the test ends: the request deadline (1 s here) comes long
   * before the read timeout (30 s) and the minimum rate's window (10 s). The drip itself, bytes arriving all along so
   * that no read ever times out, is HttpFetcherSlowServerTest's, on a moved clock.
   */
  private PageServer.Behaviour drip() {
    return exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, 100_000);
      OutputStream out = exchange.getResponseBody();
      out.write('{');
      out.flush();
      try {
        testOver.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }


  @Test
  void aDrippingStatusIsCutOffAtTheDeadlineAndThePostIsUnreachableNotGone() throws IOException {
    hostile.server().behaviour("/evil.example/api/v1/statuses/" + ID, drip());
    Files.writeString(work.resolve("a.html"), HostilePlatform.articleCiting(List.of(ID)));

    long t0 = System.nanoTime();
    CliRunner.Run run = env.cli().run("archive", "a.html");

    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15));
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("total deadline of 1 s passed");
    EvidenceView.Post post = new EvidenceView(env.cli()).post(ID);
    assertThat(post.post().state()).isEqualTo(PostState.UNREACHABLE);
    assertThat(post.observations()).anySatisfy(o -> assertThat(o.observation().detail())
        .contains("total deadline of 1 s passed"));
    assertThat(hostile.requested().stream().filter(p -> p.endsWith("/statuses/" + ID)).count())
        .as("the deadline covers the retries: asked once").isEqualTo(1);
  }

  @Test
  void aDrippingArticleIsUnreadableAtTheDeadline() {
    hostile.server().behaviour("/evil.example/article-slow", drip());

    CliRunner.Run run = env.cli().run("archive", "https://evil.example/article-slow");

    assertThat(run.out() + run.err()).contains("timeout (total deadline of 1 s passed)");
  }
}
