package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.embedwatch.sandbox.Change;
import org.embedwatch.sandbox.Fault;
import org.embedwatch.testsupport.Articles;
import org.embedwatch.testsupport.CliRunner;
import org.embedwatch.testsupport.SandboxedCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The availability state machine of issue 6 through {@code archive}, {@code check} and {@code status}, on the
 * sandbox's settable clock with the default rule (3 checks over at least 24 hours, through 2 endpoints).
 */
class AvailabilityScenariosIT {
  @TempDir Path work;
  private SandboxedCli env;
  private CliRunner cli;

  @BeforeEach
  void start() throws IOException {
    // A held request (a simulated timeout) costs one read timeout of real time: keep it short.
    env = SandboxedCli.start(work, Map.of("net.read-timeout", "PT0.3S"));
    cli = env.cli();
    Path article = Files.writeString(work.resolve("two.html"), Articles.twoEmbeds());
    assertThat(cli.run("archive", article.toString()).exit()).isZero();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private String state(String postId) {
    Map<String, Object> row = cli.query("select state, state_reason from post where post_id = ?", postId).get(0);
    return row.get("state") + (row.get("state_reason") == null ? "" : "/" + row.get("state_reason"));
  }

  private CliRunner.Run checkAfter(Duration wait) {
    env.clock().advance(wait);
    CliRunner.Run run = cli.run("check", "--all");
    assertThat(run.exit()).as(run.err()).isZero();
    return run;
  }

  @Test
  void aDayLongOutageIsNeverEvenSuspectedAndThePostStaysAvailable() {
    env.sandbox().setFault(Fault.status(503));
    for (int i = 0; i < 4; i++) {
      checkAfter(Duration.ofHours(6));
      assertThat(state(Articles.PHOTO_POST)).isEqualTo("AVAILABLE");
    }
    env.sandbox().setFault(Fault.timeout().times(4));
    checkAfter(Duration.ofHours(6));
    env.sandbox().setFault(Fault.none());
    checkAfter(Duration.ofHours(6));

    assertThat(state(Articles.PHOTO_POST)).isEqualTo("AVAILABLE");
    assertThat(state(Articles.VIDEO_POST)).isEqualTo("AVAILABLE");
    assertThat(cli.query("select distinct s.state from post_state s")).extracting(r -> r.get("state"))
        .containsExactly("AVAILABLE");
  }

  @Test
  void aDeletionIsConfirmedOnlyAtTheThirdCheckADayAfterTheFirstThroughBothEndpoints() {
    env.sandbox().apply(Articles.PHOTO_POST, Change.deleted());

    CliRunner.Run first = checkAfter(Duration.ofHours(24));
    assertThat(first.out()).contains(Articles.PHOTO_POST + " @SamuelSusla: AVAILABLE -> SUSPECTED_UNAVAILABLE (deleted)");
    checkAfter(Duration.ofHours(12));
    assertThat(state(Articles.PHOTO_POST)).as("2 checks, 12 hours apart").isEqualTo("SUSPECTED_UNAVAILABLE/DELETED");
    CliRunner.Run third = checkAfter(Duration.ofHours(12));

    assertThat(third.out()).contains(Articles.PHOTO_POST
        + " @SamuelSusla: SUSPECTED_UNAVAILABLE -> CONFIRMED_UNAVAILABLE (deleted)");
    assertThat(state(Articles.VIDEO_POST)).isEqualTo("AVAILABLE");
    CliRunner.Run status = cli.run("status", Articles.PHOTO_POST);
    assertThat(status.out()).contains("state: CONFIRMED_UNAVAILABLE (deleted) since 2026-03-03T10:00:00Z")
        .contains("unavailable (deleted) at 3 checks between 2026-03-02T10:00:00Z and 2026-03-03T10:00:00Z, via"
            + " x-syndication (HTTP 200: tombstone: This Post was deleted by the Post author. Learn more) and"
            + " x-oembed (HTTP 404)")
        .contains("confirmed: at least 3 checks over at least 24 hours through 2 endpoints");
    // Each transition is stored with the observations behind it when it happened: the state is folded once per check,
    // over every endpoint's answer, so each transition names both endpoints' observations of its checks (six at the
    // third check: two endpoints at each of three checks).
    List<Map<String, Object>> transitions = cli.query("select s.state, s.evidence, (select count(*) from"
        + " state_evidence e where e.post_state_id = s.id) as n from post_state s join post p on p.id = s.post_ref"
        + " where p.post_id = ? order by s.id", Articles.PHOTO_POST);
    assertThat(transitions).extracting(t -> t.get("state") + " " + t.get("n"))
        .containsExactly("AVAILABLE 2", "SUSPECTED_UNAVAILABLE 2", "CONFIRMED_UNAVAILABLE 6");
    assertThat((String) transitions.get(2).get("evidence")).startsWith("unavailable (deleted) at 3 checks");
  }

  @Test
  void inconclusiveChecksBetweenUnavailableOnesNeitherCountNorReset() {
    env.sandbox().apply(Articles.PHOTO_POST, Change.deleted());
    checkAfter(Duration.ofHours(1));
    env.sandbox().setFault(Fault.status(429));
    checkAfter(Duration.ofHours(12));
    env.sandbox().setFault(Fault.truncated());
    checkAfter(Duration.ofHours(12));
    assertThat(state(Articles.PHOTO_POST)).isEqualTo("SUSPECTED_UNAVAILABLE/DELETED");
    env.sandbox().setFault(Fault.none());
    checkAfter(Duration.ofHours(12));
    assertThat(state(Articles.PHOTO_POST)).as("2 unavailable checks so far").isEqualTo("SUSPECTED_UNAVAILABLE/DELETED");
    checkAfter(Duration.ofHours(1));

    assertThat(state(Articles.PHOTO_POST)).isEqualTo("CONFIRMED_UNAVAILABLE/DELETED");
  }

  @Test
  void aSuspendedAccountAndAProtectedOneAreToldApartByWhatTheEndpointsSaid() {
    env.sandbox().apply(Articles.PHOTO_POST, Change.suspended());
    env.sandbox().apply(Articles.VIDEO_POST, Change.protectedAccount());
    for (int i = 0; i < 3; i++) {
      checkAfter(Duration.ofHours(12));
    }

    // Without credentials: syndication serves a suspended account's post without its author (account gone), and
    // oEmbed answers "not authorized" for both; a protected account's post is syndication's generic tombstone.
    assertThat(state(Articles.PHOTO_POST)).isEqualTo("CONFIRMED_UNAVAILABLE/ACCOUNT_GONE");
    assertThat(state(Articles.VIDEO_POST)).isEqualTo("CONFIRMED_UNAVAILABLE/PROTECTED");
  }

  @Test
  void aPostServedAgainAfterConfirmationReappears() {
    env.sandbox().apply(Articles.PHOTO_POST, Change.deleted());
    for (int i = 0; i < 3; i++) {
      checkAfter(Duration.ofHours(12));
    }
    assertThat(state(Articles.PHOTO_POST)).isEqualTo("CONFIRMED_UNAVAILABLE/DELETED");
    env.sandbox().apply(Articles.PHOTO_POST, Change.restored());

    CliRunner.Run back = checkAfter(Duration.ofHours(12));

    assertThat(back.out()).contains(Articles.PHOTO_POST + " @SamuelSusla: CONFIRMED_UNAVAILABLE -> REAPPEARED");
    assertThat(cli.run("status", Articles.PHOTO_POST).out())
        .contains("served again after its unavailability was confirmed");
    assertThat(cli.run("report", "--format", "md").out()).contains("- **REAPPEARED**");
  }
}
