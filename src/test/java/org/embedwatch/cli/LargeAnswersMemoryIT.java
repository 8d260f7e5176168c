package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.embedwatch.testsupport.ChildCli;
import org.embedwatch.testsupport.EvidenceView;
import org.embedwatch.testsupport.HostilePlatform;
import org.embedwatch.testsupport.SandboxedCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Review M2: memory is bounded by net.max-parse-bytes, not by what platforms send. Twelve posts each answer 6 MB of
 * valid JSON (under net.max-body-bytes); the real CLI in a child JVM with a 96 MB heap archives them all: each answer
 * is archived, none is held or parsed, and each post's observation says why it is not evidence.
 */
class LargeAnswersMemoryIT {
  private static final int POSTS = 12;
  private static final int BODY_BYTES = 6_000_000;

  @TempDir Path work;
  private HostilePlatform hostile;
  private SandboxedCli env;

  @BeforeEach
  void start() throws IOException {
    hostile = new HostilePlatform();
    Map<String, String> settings = new java.util.HashMap<>(hostile.route());
    settings.put("net.rate.default", "off");
    settings.put("net.max-parse-bytes", "1048576");
    env = SandboxedCli.start(work, settings);
  }

  @AfterEach
  void stop() {
    env.close();
    hostile.close();
  }

  @Test
  void manyLargeAnswersAreArchivedInASmallHeapWithoutBeingHeld() throws IOException, InterruptedException {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < POSTS; i++) {
      String id = String.valueOf(111111111111111200L + i);
      ids.add(id);
      ObjectNode status = HostilePlatform.statusJson(id);
      status.put("content", "<p>" + "a".repeat(BODY_BYTES) + "</p>");
      hostile.server().page("/evil.example/api/v1/statuses/" + id, status.toString().getBytes(StandardCharsets.UTF_8),
          Map.of("Content-Type", "application/json"));
    }
    Files.writeString(work.resolve("big.html"), HostilePlatform.articleCiting(ids));

    ChildCli.Run run = new ChildCli(env.cli(), env.sandbox()).run(List.of("-Xmx96m"), Map.of(),
        Duration.ofSeconds(180), List.of("archive", "big.html"));

    assertThat(run.err()).doesNotContain("OutOfMemoryError");
    assertThat(run.exit()).as(run.err()).isZero();
    EvidenceView view = new EvidenceView(env.cli());
    for (String id : ids) {
      EvidenceView.Post post = view.post(id);
      assertThat(post.post().state().unavailable()).as(id).isFalse();
      assertThat(post.observations()).extracting(o -> o.observation().detail()).as(id)
          .anySatisfy(d -> assertThat(d).contains("larger than net.max-parse-bytes"));
    }
  }
}
