package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.embedwatch.evidence.Media;
import org.embedwatch.evidence.MediaOutcome;
import org.embedwatch.evidence.PostCapture;
import org.embedwatch.evidence.PostState;
import org.embedwatch.testsupport.CliRunner;
import org.embedwatch.testsupport.EvidenceView;
import org.embedwatch.testsupport.HostilePlatform;
import org.embedwatch.testsupport.SandboxedCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values no column holds, from a hostile Mastodon-compatible server (review-reliability H5, L2): each post with one of
 * them is stored, its values bounded, and neither {@code archive} nor {@code check --all} fails, for that post or any
 * other of the article.
 */
class HostileValuesIT {
  private static final String PLAIN = "111111111111111100";

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
  void postsWithValuesTooLongForTheirColumnsOrWithNulAreStoredBoundedAndNoRunFails() throws IOException {
    Map<String, Consumer<ObjectNode>> posts = new LinkedHashMap<>();
    String longMedia = "https://" + HostilePlatform.HOST + "/media/" + "a".repeat(5000);
    posts.put("111111111111111102", s -> HostilePlatform.media(s, List.of(longMedia)));
    posts.put("111111111111111103", s -> ((ObjectNode) s.path("account")).put("acct", "h".repeat(300)));
    posts.put("111111111111111104", s -> ((ObjectNode) s.path("account")).put("display_name", "n".repeat(1000)));
    posts.put("111111111111111105", s -> s.put("content", "<p>" + "c".repeat(30000) + "</p>"));
    posts.put("111111111111111106", s -> s.put("created_at", "2026-01-01T00:00:00.000Z" + "9".repeat(100)));
    posts.put("111111111111111107", s -> {
      ((ObjectNode) s.path("account")).put("acct", "a\u0000b");
      ((ObjectNode) s.path("account")).put("display_name", "A\u0000B");
      s.put("content", "<p>x\u0000y</p>");
    });
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      many.add("https://" + HostilePlatform.HOST + "/media/m" + i + ".png");
    }
    posts.put("111111111111111108", s -> HostilePlatform.media(s, many));
    posts.put(PLAIN, s -> {});
    posts.forEach(hostile::status);
    Files.writeString(work.resolve("a.html"), HostilePlatform.articleCiting(List.copyOf(posts.keySet())));

    CliRunner.Run archive = env.cli().run("archive", "a.html");
    env.clock().advance(java.time.Duration.ofDays(1));
    CliRunner.Run check = env.cli().run("check", "--all");

    assertThat(archive.exit()).as(archive.out() + archive.err()).isZero();
    assertThat(check.exit()).as(check.out() + check.err()).isZero();
    EvidenceView view = new EvidenceView(env.cli());
    Map<String, PostCapture> captured = new LinkedHashMap<>();
    view.stored().posts().forEach(p -> {
      assertThat(p.post().checks()).as(p.post().post().postId()).hasSize(2);
      assertThat(p.post().post().state()).as(p.post().post().postId()).isEqualTo(PostState.AVAILABLE);
      captured.put(p.post().post().postId(), p.captures().get(0).capture());
    });
    assertThat(captured).containsOnlyKeys(posts.keySet());

    Media tooLong = captured.get("111111111111111102").media().get(0);
    assertThat(tooLong.outcome().kind()).isEqualTo(MediaOutcome.Kind.BAD_URL);
    assertThat(tooLong.sourceUrl()).hasSize(4000).startsWith(longMedia.substring(0, 100));
    assertThat(hostile.requested()).noneMatch(path -> path.contains("/media/aaaa"));
    assertThat(captured.get("111111111111111103").authorHandle()).hasSize(200).startsWith("hhhh")
        .contains("cut by Embedwatch");
    assertThat(captured.get("111111111111111104").authorName()).hasSize(500).startsWith("nnnn")
        .endsWith("[cut by Embedwatch: 1000 characters served]");
    assertThat(captured.get("111111111111111105").text()).hasSize(20000)
        .endsWith("[cut by Embedwatch: 30000 characters served]");
    assertThat(captured.get("111111111111111106").createdAt()).isNull();
    PostCapture nul = captured.get("111111111111111107");
    assertThat(List.of(nul.authorHandle(), nul.authorName(), nul.text())).noneMatch(v -> v.contains("\u0000"))
        .containsExactly("ab@" + HostilePlatform.HOST, "AB", "xy");
    List<Media> media = captured.get("111111111111111108").media();
    assertThat(media).hasSize(301); // 300 attachments and the avatar
    assertThat(media.stream().filter(m -> m.outcome().kind() != MediaOutcome.Kind.NOT_FETCHED))
        .as("fetched: media.max-per-post (20)").hasSize(20);
    assertThat(hostile.requested().stream().filter(path -> path.contains("/media/m"))).hasSize(20);
    assertThat(captured.get(PLAIN).text()).isEqualTo("hello");
  }

  @Test
  void referencesOverTheLimitAreReportedAndNotArchived() throws IOException {
    List<String> ids = List.of("111111111111111110", "111111111111111111", "111111111111111112");
    ids.forEach(id -> hostile.status(id, s -> {}));
    Files.writeString(work.resolve("a.html"), HostilePlatform.articleCiting(ids));

    CliRunner.Run archive = env.cli().run("archive", "a.html", "--set", "extract.max-references=2");

    assertThat(archive.exit()).as(archive.out() + archive.err()).isZero();
    assertThat(archive.out()).contains("2 references (1 more over extract.max-references not archived)");
    assertThat(new EvidenceView(env.cli()).posts()).hasSize(2);
  }
}
