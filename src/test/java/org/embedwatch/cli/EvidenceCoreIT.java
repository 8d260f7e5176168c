package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.embedwatch.evidence.CheckRecord;
import org.embedwatch.evidence.DerivedState;
import org.embedwatch.evidence.FindingKind;
import org.embedwatch.evidence.FindingRecord;
import org.embedwatch.evidence.ObservationRecord;
import org.embedwatch.evidence.PostState;
import org.embedwatch.evidence.StateChange;
import org.embedwatch.sandbox.Change;
import org.embedwatch.sandbox.Fault;
import org.embedwatch.testsupport.Articles;
import org.embedwatch.testsupport.CliRunner;
import org.embedwatch.testsupport.EvidenceView;
import org.embedwatch.testsupport.SandboxedCli;
import org.embedwatch.verify.StateFold;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The unit of evidence is one check of one post: folded once, recorded once, re-derivable from what was stored. */
class EvidenceCoreIT {
  @TempDir Path work;
  private SandboxedCli env;
  private CliRunner cli;
  private EvidenceView view;
  private Path article;

  @BeforeEach
  void start() throws IOException {
    env = SandboxedCli.start(work, Map.of("check.concurrency", "1"));
    cli = env.cli();
    view = new EvidenceView(cli);
    article = Files.writeString(work.resolve("two.html"), Articles.twoEmbeds());
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void endpointsThatDisagreeWithinOneCheckGiveAtMostOneTransition() {
    assertThat(cli.run("archive", article.toString()).exit()).isZero();
    env.clock().advance(Duration.ofHours(25));
    // Syndication answers 404 while oEmbed serves the post: one check, two endpoints disagreeing.
    env.sandbox().setFault("cdn.syndication.twimg.com", Fault.status(404));

    CliRunner.Run run = cli.run("check");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains(Articles.PHOTO_POST + " @SamuelSusla: AVAILABLE (unchanged)");
    EvidenceView.Post post = view.post(Articles.PHOTO_POST);
    assertThat(post.checks()).extracting(CheckRecord::number).containsExactly(1, 2);
    assertThat(post.checks()).extracting(CheckRecord::state).containsOnly(PostState.AVAILABLE);
    assertThat(post.observations()).filteredOn(o -> !o.observation().corroboration())
        .extracting(o -> o.observation().check() + " " + o.observation().endpoint())
        .containsExactly("1 x-syndication", "1 x-oembed", "2 x-syndication", "2 x-oembed");
    // One transition (to AVAILABLE at the first check); the state began at the first check and stays there.
    assertThat(post.transitions()).extracting(StateChange::state).containsExactly(PostState.AVAILABLE);
    assertThat(post.post().stateSince()).isEqualTo(post.checks().get(0).at());
  }

  @Test
  void everyStoredStateIsReDerivedFromStoredChecksAndThePolicyStoredWithThem() {
    assertThat(cli.run("archive", article.toString()).exit()).isZero();
    env.sandbox().apply(Articles.PHOTO_POST, Change.deleted());
    env.sandbox().apply(Articles.VIDEO_POST, Change.edited("LK-99 is not a superconductor after all."));
    for (int i = 0; i < 3; i++) {
      env.clock().advance(Duration.ofHours(13));
      assertThat(cli.run("check", "--all").exit()).isZero();
    }
    // The configuration changes afterwards: a conclusion is re-derived with the policy that judged it, not today's.
    CliRunner.Run strict = cli.run("--set", "check.confirm-checks=9", "status", Articles.PHOTO_POST);
    assertThat(strict.exit()).as(strict.err()).isZero();

    List<EvidenceView.Post> posts = view.posts();
    assertThat(posts).extracting(p -> p.post().state())
        .contains(PostState.CONFIRMED_UNAVAILABLE, PostState.ALTERED);
    for (EvidenceView.Post p : posts) {
      assertThat(p.checks()).as("post %s", p.post().postId()).isNotEmpty();
      // Every check's number is unique and every observation of a check carries it.
      assertThat(p.checks()).extracting(CheckRecord::number).doesNotHaveDuplicates();
      Map<Integer, Long> perCheck = p.observations().stream().filter(o -> !o.observation().corroboration())
          .collect(Collectors.groupingBy(o -> o.observation().check(), Collectors.counting()));
      for (CheckRecord c : p.checks()) {
        assertThat(perCheck.get(c.number())).as("observations of check %s", c.number())
            .isEqualTo((long) c.policy().endpoints().size());
      }
      // Each check's conclusion, re-folded from the observations up to it under its stored policy.
      for (CheckRecord c : p.checks()) {
        List<org.embedwatch.evidence.Observation> upTo = p.observations().stream()
            .map(ObservationRecord::observation).filter(o -> o.check() <= c.number()).toList();
        DerivedState again = StateFold.fold(upTo, c.policy());
        assertThat(again.state()).as("post %s check %s", p.post().postId(), c.number()).isEqualTo(c.state());
        assertThat(again.reason()).isEqualTo(c.reason());
      }
      CheckRecord last = p.checks().get(p.checks().size() - 1);
      assertThat(last.state()).isEqualTo(p.post().state());
      assertThat(last.nextDue()).isEqualTo(p.post().nextCheckAt());
    }
  }

  @Test
  void anEditAfterTheArticleQuotedThePostIsAnAlterationNeverAMisquote() {
    assertThat(cli.run("archive", article.toString()).exit()).isZero();
    assertThat(view.posts()).as("the article quotes both posts as first captured")
        .allSatisfy(p -> assertThat(p.findings()).isEmpty());
    env.sandbox().apply(Articles.VIDEO_POST, Change.edited("LK-99 is not a superconductor after all."));
    env.clock().advance(Duration.ofHours(25));

    assertThat(cli.run("check").exit()).isZero();

    List<FindingRecord> findings = view.post(Articles.VIDEO_POST).findings();
    assertThat(findings).extracting(f -> f.finding().kind()).containsOnly(FindingKind.ALTERED).isNotEmpty();
    assertThat(findings).extracting(f -> f.finding().summary())
        .allSatisfy(summary -> assertThat(summary).contains("quoted the earlier version (as captured 2026-03-01T10:00")
            .contains("it matched the post when cited"));
  }
}
