package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.embedwatch.evidence.Sha256;
import org.embedwatch.sandbox.Change;
import org.embedwatch.sandbox.Fault;
import org.embedwatch.sandbox.MutableClock;
import org.embedwatch.sandbox.Sandbox;
import org.embedwatch.testsupport.Articles;
import org.embedwatch.testsupport.CliRunner;
import org.embedwatch.testsupport.SandboxedCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code status} and {@code report} read back what archive and check stored. */
class StatusAndReportIT {
  @TempDir Path work;
  private SandboxedCli env;
  private MutableClock clock;
  private Sandbox sandbox;
  private CliRunner cli;
  private Path article;

  @BeforeEach
  void archiveThenDeleteOne() throws IOException {
    env = SandboxedCli.start(work, Map.of());
    clock = env.clock();
    sandbox = env.sandbox();
    cli = env.cli();
    article = Files.writeString(work.resolve("two.html"), Articles.twoEmbeds());
    assertThat(cli.run("archive", article.toString()).exit()).isZero();
    clock.advance(Duration.ofDays(1));
    sandbox.apply(Articles.PHOTO_POST, Change.deleted());
    assertThat(cli.run("check").exit()).isZero();
    clock.advance(Duration.ofDays(1));
    sandbox.setFault(Fault.status(503));
    assertThat(cli.run("check").exit()).isZero();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void statusListsEveryPostWithItsState() {
    CliRunner.Run run = cli.run("status");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("x " + Articles.PHOTO_POST + " @SamuelSusla  SUSPECTED_UNAVAILABLE (deleted)")
        .contains("x " + Articles.VIDEO_POST + " @Rainmaker1973  AVAILABLE").contains("2 posts");
  }

  @Test
  void statusOfOnePostExplainsItFromObservations() {
    CliRunner.Run run = cli.run("status", "https://x.com/SamuelSusla/status/" + Articles.PHOTO_POST + "?s=20");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("state: SUSPECTED_UNAVAILABLE (deleted) since 2026-03-02T10:00:00Z")
        .contains("unavailable (deleted) at 1 check on 2026-03-02T10:00:00Z,"
            + " via x-syndication (HTTP 200: tombstone: This Post was deleted by the Post author. Learn more)"
            + " and x-oembed (HTTP 404); suspected, not confirmed: confirmation needs 3 checks (1 so far),"
            + " at least 24 hours between the first and the last")
        .contains("2 observations could not reach the endpoint (2× server_error 503), not counted as evidence");
  }

  @Test
  void statusOfAnUnknownPostIsAClearError() {
    CliRunner.Run run = cli.run("status", "123");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err().strip()).isEqualTo(
        "error: no stored post matches '123' (give a post id or URL as `status` lists them)");
  }

  @Test
  void jsonReportCarriesCitationsStatesHistoryAndHashes() throws IOException {
    CliRunner.Run run = cli.run("report", "--format", "json");

    assertThat(run.exit()).isZero();
    JsonNode report = new ObjectMapper().readTree(run.out());
    JsonNode a = report.path("articles").get(0);
    assertThat(a.path("sha256").asText()).isEqualTo(Sha256.of(Files.readAllBytes(article)).hex());
    assertThat(a.path("citations")).hasSize(2);
    JsonNode deleted = report.path("posts").get(0);
    assertThat(deleted.path("postId").asText()).isEqualTo(Articles.PHOTO_POST);
    assertThat(deleted.path("state").asText()).isEqualTo("suspected_unavailable");
    assertThat(deleted.path("reason").asText()).isEqualTo("deleted");
    // Three checks, each asking syndication and oEmbed.
    assertThat(deleted.path("checks").asInt()).isEqualTo(6);
    assertThat(deleted.path("history")).extracting(h -> h.path("state").asText())
        .containsExactly("available", "suspected_unavailable");
    String captured = deleted.path("captures").get(0).path("bodySha256").asText();
    assertThat(cli.query("select body_sha256 from post_capture c join post p on p.id = c.post_ref"
        + " where p.post_id = ?", Articles.PHOTO_POST).get(0).get("body_sha256")).isEqualTo(captured);
  }

  @Test
  void csvReportHasOneRowPerReference() throws IOException {
    Path out = work.resolve("report.csv");

    CliRunner.Run run = cli.run("report", "--format", "csv", "--out", out.toString());

    assertThat(run.exit()).isZero();
    List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new StringReader(Files.readString(out))).getRecords();
    assertThat(rows).extracting(r -> r.get("post_id") + " " + r.get("post_state"))
        .containsExactly(Articles.PHOTO_POST + " suspected_unavailable", Articles.VIDEO_POST + " available");
    assertThat(rows.get(0).get("cited_text")).startsWith("If you are interested about View Flattening");
  }

  @Test
  void markdownReportListsFindingsFirst() {
    CliRunner.Run run = cli.run("report");

    assertThat(run.out()).contains("## Findings\n\n- **SUSPECTED_UNAVAILABLE (deleted)** https://twitter.com/SamuelSusla/status/"
        + Articles.PHOTO_POST);
    assertThat(run.out()).doesNotContain("**AVAILABLE");
  }

  @Test
  void reportToAMissingDirectoryIsAClearError() {
    CliRunner.Run run = cli.run("report", "--out", work.resolve("no/such/dir/r.md").toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).startsWith("error: cannot write the report to ");
  }
}
