package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.embedwatch.evidence.PostState;
import org.embedwatch.testsupport.CliRunner;
import org.embedwatch.testsupport.EvidenceView;
import org.embedwatch.testsupport.HostilePlatform;
import org.embedwatch.testsupport.SandboxedCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hostile platform itself: a plain status it serves is captured like any Mastodon post. */
class HostilePlatformIT {
  @TempDir Path work;
  private HostilePlatform hostile;
  private SandboxedCli env;

  @BeforeEach
  void start() throws IOException {
    hostile = new HostilePlatform();
    env = SandboxedCli.start(work, hostile.route());
  }

  @AfterEach
  void stop() {
    env.close();
    hostile.close();
  }

  @Test
  void aPlainStatusIsCapturedAsAvailable() throws IOException {
    String id = "111111111111111100";
    hostile.status(id, s -> {});
    Files.writeString(work.resolve("a.html"), HostilePlatform.articleCiting(List.of(id)));

    CliRunner.Run run = env.cli().run("archive", "a.html");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(new EvidenceView(env.cli()).post(id).post().state()).isEqualTo(PostState.AVAILABLE);
    assertThat(hostile.requested()).contains("/evil.example/api/v1/statuses/" + id);
  }
}
