package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.embedwatch.sandbox.Change;
import org.embedwatch.sandbox.MutableClock;
import org.embedwatch.sandbox.Sandbox;
import org.embedwatch.testsupport.Articles;
import org.embedwatch.testsupport.CliRunner;
import org.embedwatch.testsupport.SandboxedCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Edits, swapped and re-encoded photos and changing counts, seen through {@code check}, {@code status}, reports. */
class AlterationIT {
  @TempDir Path work;
  private SandboxedCli env;
  private MutableClock clock;
  private Sandbox sandbox;
  private CliRunner cli;

  @BeforeEach
  void archive() throws IOException {
    env = SandboxedCli.start(work, Map.of());
    clock = env.clock();
    sandbox = env.sandbox();
    cli = env.cli();
    Path article = Files.writeString(work.resolve("two.html"), Articles.twoEmbeds());
    assertThat(cli.run("archive", article.toString()).exit()).isZero();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private String state(String postId) {
    return (String) cli.query("select state from post where post_id = ?", postId).get(0).get("state");
  }

  private List<Map<String, Object>> findings(String postId) {
    return cli.query("select f.* from finding f join post p on p.id = f.post_ref where p.post_id = ? and f.kind ="
        + " 'ALTERED' order by f.id", postId);
  }

  private void recheckAfterADay() {
    clock.advance(Duration.ofDays(1));
    assertThat(cli.run("check").exit()).isZero();
  }

  @Test
  void anEditIsAlteredWithADiffOfTheTextAndTheEditIdsShownByStatusAndTheJsonReport() throws IOException {
    String before = (String) cli.query("select text from post_capture c join post p on p.id = c.post_ref"
        + " where p.post_id = ? and c.endpoint = 'x-syndication'", Articles.PHOTO_POST).get(0).get("text");
    sandbox.apply(Articles.PHOTO_POST, Change.edited("Corrected: the bridge opens on Monday."));
    recheckAfterADay();
    recheckAfterADay();

    assertThat(state(Articles.PHOTO_POST)).isEqualTo("ALTERED");
    List<Map<String, Object>> found = findings(Articles.PHOTO_POST);
    Map<String, Object> syndication = found.stream()
        .filter(f -> ((String) f.get("detail")).startsWith("via x-syndication")).findFirst().orElseThrow();
    String detail = (String) syndication.get("detail");
    assertThat(detail).contains("text:", "  - " + before.lines().findFirst().orElseThrow(),
        "  + Corrected: the bridge opens on Monday.", "edit history: 1 version [" + Articles.PHOTO_POST + "] -> 2 versions [" + Articles.PHOTO_POST + ", ");
    assertThat((String) syndication.get("summary")).startsWith("text, edit history differ from the capture of "
        + SandboxedCli.START).contains("first seen at the check of " + SandboxedCli.START.plus(Duration.ofDays(1)));
    assertThat(found).as("the same change is stored once per endpoint, though seen at two checks")
        .extracting(f -> f.get("finding_key")).doesNotHaveDuplicates();
    assertThat(found.stream().filter(f -> ((String) f.get("detail")).startsWith("via x-syndication"))).hasSize(1);
    assertThat(cli.query("select o.endpoint from finding f join observation o on o.id = f.observation_id"
        + " join post_capture c on c.observation_id = o.id where f.kind = 'ALTERED' and o.endpoint = 'x-syndication'"))
        .as("the finding is stored with the observation whose capture showed it").hasSize(1);

    CliRunner.Run status = cli.run("status", Articles.PHOTO_POST);
    assertThat(status.exit()).isZero();
    assertThat(status.out()).contains("ALTERED", "+ Corrected: the bridge opens on Monday.", "edit history:");

    CliRunner.Run report = cli.run("report", "--format", "json");
    assertThat(report.exit()).isZero();
    JsonNode json = new ObjectMapper().readTree(report.out());
    assertThat(json.path("findings").toString()).contains("ALTERED", "Corrected: the bridge opens on Monday.",
        "edit history");
  }

  @Test
  void aSwappedPhotoUnderTheSameUrlIsAlteredWithItsPerceptualDistance() {
    assertThat(cli.query("select count(*) n from media where content_type like 'image/%' and dhash is null").get(0).values().iterator().next()).isEqualTo(0L);
    sandbox.apply(Articles.PHOTO_POST, Change.mediaSwapped());
    recheckAfterADay();

    assertThat(state(Articles.PHOTO_POST)).isEqualTo("ALTERED");
    List<Map<String, Object>> found = findings(Articles.PHOTO_POST);
    assertThat(found).isNotEmpty();
    assertThat((String) found.get(0).get("summary")).startsWith("photo 1");
    assertThat((String) found.get(0).get("detail")).containsPattern("photo 1 replaced \\(perceptual distance"
        + " (1[1-9]|[2-6][0-9]) of 64\\)");
    assertThat(cli.query("select fingerprint from observation o join post p on p.id = o.post_ref where p.post_id = ?"
        + " and o.endpoint = 'x-syndication' order by o.id", Articles.PHOTO_POST))
        .as("the JSON is unchanged: only the photo's bytes tell").extracting(r -> r.get("fingerprint"))
        .containsOnly(cli.query("select fingerprint from post_capture c join post p on p.id = c.post_ref"
            + " where p.post_id = ? order by c.id", Articles.PHOTO_POST).get(0).get("fingerprint"));

    recheckAfterADay();
    assertThat(state(Articles.PHOTO_POST)).isEqualTo("ALTERED");
    assertThat(findings(Articles.PHOTO_POST)).hasSameSizeAs(found);
  }

  @Test
  void aReencodedPhotoStaysAvailableWithoutAFindingAndTheObservationSaysSo() {
    sandbox.apply(Articles.PHOTO_POST, Change.mediaReencoded());
    recheckAfterADay();

    assertThat(state(Articles.PHOTO_POST)).isEqualTo("AVAILABLE");
    assertThat(findings(Articles.PHOTO_POST)).isEmpty();
    assertThat(cli.query("select detail from observation o join post p on p.id = o.post_ref where p.post_id = ?"
        + " and o.endpoint = 'x-syndication' and o.check_seq = 2", Articles.PHOTO_POST).get(0).get("detail"))
        .asString().contains("photo 1: re-encoded copy, not a change", "perceptual distance");
    assertThat(cli.query("select count(*) n from post_capture c join post p on p.id = c.post_ref where p.post_id = ?"
        + " and c.endpoint = 'x-syndication'", Articles.PHOTO_POST).get(0).values().iterator().next()).isEqualTo(1L);
  }

  @Test
  void countsChangingOnEveryCallAreNoAlteration() {
    recheckAfterADay();
    recheckAfterADay();
    recheckAfterADay();

    assertThat(state(Articles.PHOTO_POST)).isEqualTo("AVAILABLE");
    assertThat(state(Articles.VIDEO_POST)).isEqualTo("AVAILABLE");
    assertThat(cli.query("select count(*) n from finding where kind = 'ALTERED'").get(0).values().iterator().next()).isEqualTo(0L);
    assertThat(cli.query("select count(distinct body_sha256) n from observation where endpoint = 'x-syndication'").get(0).values().iterator().next()).as("the bodies did differ (counts)").isNotEqualTo(2L);
  }

  @Test
  void withRefetchOffASwappedPhotoIsNotSeen() {
    sandbox.apply(Articles.PHOTO_POST, Change.mediaSwapped());
    clock.advance(Duration.ofDays(1));
    CliRunner.Run run = cli.run("check", "--set", "check.refetch-photos=false");
    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(state(Articles.PHOTO_POST)).isEqualTo("AVAILABLE");
    assertThat(findings(Articles.PHOTO_POST)).isEmpty();
  }
}
