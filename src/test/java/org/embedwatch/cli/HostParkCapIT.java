package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.embedwatch.evidence.EvidenceEvent;
import org.embedwatch.evidence.PostState;
import org.embedwatch.store.Database;
import org.embedwatch.store.EvidenceStore;
import org.embedwatch.testsupport.CliRunner;
import org.embedwatch.testsupport.EvidenceView;
import org.embedwatch.testsupport.HostilePlatform;
import org.embedwatch.testsupport.SandboxedCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A host cannot park itself for centuries (review M8, H5): a 429 whose Retry-After is absurdly far ahead, or past what
 * time can hold, parks it for net.max-park (a day) at most, the post stays inconclusive (never deleted), and a day
 * later the host is asked again. A park an earlier version stored without a cap is cut when it is read back.
 */
class HostParkCapIT {
  private static final String ID = "111111111111111120";
  private static final String PATH = "/evil.example/api/v1/statuses/" + ID;

  @TempDir Path work;
  private HostilePlatform hostile;
  private SandboxedCli env;

  @BeforeEach
  void start() throws IOException {
    hostile = new HostilePlatform();
    env = SandboxedCli.start(work, hostile.route());
    Files.writeString(work.resolve("a.html"), HostilePlatform.articleCiting(List.of(ID)));
  }

  @AfterEach
  void stop() {
    env.close();
    hostile.close();
  }

  private long asked() {
    return hostile.requested().stream().filter(PATH::equals).count();
  }

  @ParameterizedTest
  @ValueSource(strings = {"999999999999", "31556889864403200"})
  void aRetryAfterFarAheadParksTheHostForADayAtMostAndThePostIsNotDeleted(String retryAfter) {
    AtomicBoolean limited = new AtomicBoolean(true);
    byte[] status = HostilePlatform.statusJson(ID).toString().getBytes(StandardCharsets.UTF_8);
    hostile.server().behaviour(PATH, ex -> {
      if (limited.get()) {
        ex.getResponseHeaders().set("Retry-After", retryAfter);
        ex.sendResponseHeaders(429, -1);
        return;
      }
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(200, status.length);
      ex.getResponseBody().write(status);
    });

    CliRunner.Run run = env.cli().run("archive", "a.html");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out() + run.err()).doesNotContain("DateTimeException").doesNotContain("internal error");
    EvidenceView.Post post = new EvidenceView(env.cli()).post(ID);
    assertThat(post.post().state()).isIn(PostState.UNREACHABLE, PostState.PENDING);
    assertThat(post.post().state().unavailable()).isFalse();
    Instant dayAhead = SandboxedCli.START.plus(Duration.ofDays(1));
    assertThat(new EvidenceView(env.cli()).parks(SandboxedCli.START)).containsEntry("evil.example", dayAhead);

    limited.set(false);
    long before = asked();
    env.clock().advance(Duration.ofDays(1).plusSeconds(1));
    CliRunner.Run later = env.cli().run("check", "--all");

    assertThat(later.exit()).as(later.err()).isZero();
    assertThat(asked()).as("a day later the host is asked again").isEqualTo(before + 1);
    assertThat(new EvidenceView(env.cli()).post(ID).post().state()).isEqualTo(PostState.AVAILABLE);
  }

  @Test
  void aParkStoredWithoutACapIsCutWhenReadBackAndTheHostIsAskedADayLater() {
    hostile.status(ID, s -> {});
    try (Database db = env.cli().database()) {
      new EvidenceStore(db).record(new EvidenceEvent.HostParked("evil.example",
          Instant.parse("+33715-01-01T00:00:00Z")));
    }

    CliRunner.Run run = env.cli().run("archive", "a.html");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(asked()).as("parked (for a day) by the stored park").isZero();
    assertThat(new EvidenceView(env.cli()).parks(SandboxedCli.START))
        .containsEntry("evil.example", SandboxedCli.START.plus(Duration.ofDays(1)));

    env.clock().advance(Duration.ofHours(12));
    env.cli().run("check", "--all");
    assertThat(asked()).as("a later run does not cut the park again from its own start").isZero();

    env.clock().advance(Duration.ofHours(12).plusSeconds(1));
    CliRunner.Run later = env.cli().run("check", "--all");

    assertThat(later.exit()).as(later.err()).isZero();
    assertThat(asked()).isEqualTo(1);
    assertThat(new EvidenceView(env.cli()).post(ID).post().state()).isEqualTo(PostState.AVAILABLE);
  }
}
