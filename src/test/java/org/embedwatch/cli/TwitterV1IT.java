package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.embedwatch.sandbox.Change;
import org.embedwatch.sandbox.MutableClock;
import org.embedwatch.sandbox.Sandbox;
import org.embedwatch.testsupport.ArchiveFile;
import org.embedwatch.testsupport.Articles;
import org.embedwatch.testsupport.CliRunner;
import org.embedwatch.testsupport.SandboxedCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With v1.1 credentials configured, every check also asks X's v1.1 API through Twitter4J, routed to the sandbox. */
class TwitterV1IT {
  private static final String SECRET = "s3cr3t-token-value";

  @TempDir Path work;
  private SandboxedCli env;
  private MutableClock clock;
  private Sandbox sandbox;
  private CliRunner cli;

  @BeforeEach
  void start() throws IOException {
    Map<String, String> settings = new HashMap<>();
    settings.put("x.v1.consumer-key", "consumer-" + SECRET);
    settings.put("x.v1.consumer-secret", "consumer-secret-" + SECRET);
    settings.put("x.v1.access-token", "access-" + SECRET);
    settings.put("x.v1.access-token-secret", "access-secret-" + SECRET);
    env = SandboxedCli.start(work, settings);
    clock = env.clock();
    sandbox = env.sandbox();
    cli = env.cli();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void v1ObservationsSitBesideSyndicationAndSeeTheDeletionCode() throws IOException {
    Path article = Files.writeString(work.resolve("a.html"), Articles.twoEmbeds());
    assertThat(cli.run("archive", article.toString()).exit()).isZero();
    clock.advance(Duration.ofDays(1));
    sandbox.apply(Articles.PHOTO_POST, Change.deleted());

    CliRunner.Run run = cli.run("check");

    assertThat(run.out()).contains("x-v1.1 HTTP 404, unavailable: HTTP 404 code 144: No status found with that ID.");
    List<Map<String, Object>> rows = cli.query("select o.endpoint, o.outcome, o.reason from observation o"
        + " join post p on p.id = o.post_ref where p.post_id = ? and o.endpoint not like 'wayback-%' order by o.id",
        Articles.PHOTO_POST);
    assertThat(rows).extracting(r -> r.get("endpoint") + " " + r.get("outcome") + " " + r.get("reason"))
        .containsExactly("x-syndication AVAILABLE null", "x-oembed AVAILABLE null", "x-v1.1 AVAILABLE null",
            "x-syndication UNAVAILABLE DELETED", "x-oembed NOT_FOUND UNKNOWN", "x-v1.1 UNAVAILABLE DELETED");
    assertThat(sandbox.requests()).anySatisfy(r -> {
      assertThat(r.host()).isEqualTo("api.twitter.com");
      assertThat(r.header("Authorization")).hasValueSatisfying(a -> assertThat(a).startsWith("OAuth"));
    });
    assertThat(cli.query("select count(*) n from post_capture where endpoint = 'x-v1.1'").get(0).get("n"))
        .isEqualTo(2L);
  }

  @Test
  void noConfiguredSecretIsWrittenAnywhereUnderTheArchive() throws IOException {
    Path article = Files.writeString(work.resolve("a.html"), Articles.twoEmbeds());
    assertThat(cli.run("archive", article.toString()).exit()).isZero();

    List<ArchiveFile> files = ArchiveFile.allUnder(cli.archiveDir());
    assertThat(files).anySatisfy(f -> assertThat(f.path().toString()).endsWith(".warc.gz"));
    for (ArchiveFile f : files) {
      assertThat(f.text()).as(f.path().toString()).doesNotContain(SECRET);
    }
  }
}
