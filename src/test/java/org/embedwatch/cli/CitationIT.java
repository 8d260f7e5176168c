package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.embedwatch.sandbox.Scenario;
import org.embedwatch.testsupport.Articles;
import org.embedwatch.testsupport.CliRunner;
import org.embedwatch.testsupport.PageServer;
import org.embedwatch.testsupport.SandboxedCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the article says about a post against what was captured: a changed word and a renamed handle are
 * CITATION_MISMATCH findings, an accurate quote with entities, emoji and a pic.twitter.com link is none; an article
 * re-captured after it dropped an embed gets an ARTICLE_DRIFT finding for that reference only.
 */
class CitationIT {
  private static final Map<String, String> HTML = Map.of("Content-Type", "text/html; charset=utf-8");
  private static final String PHOTO_TEXT = "If you are interested about View Flattening in React Native, I wrote a"
      + " short post about it: <a href=\"https://t.co/4G6RAMfrHy\">https://t.co/4G6RAMfrHy</a><br><br>Let me know"
      + " what you think! <a href=\"https://t.co/rQd6FIwZ0U\">pic.twitter.com/rQd6FIwZ0U</a>";

  @TempDir Path work;
  private SandboxedCli env;
  private final PageServer pages = PageServer.start();

  @AfterEach
  void stop() {
    pages.close();
    if (env != null) {
      env.close();
    }
  }

  @Test
  void aQuoteWithOneWordChangedIsAMismatchWithItsDiffInStatusAndTheJsonReport() throws IOException {
    CliRunner cli = start(Scenario.demo());
    page("/misquote.html", embed(PHOTO_TEXT.replace("React Native", "Vue Native"), "sammy", "SamuelSusla",
        Articles.PHOTO_POST, "March 29, 2023"));

    assertThat(cli.run("archive", pages.url("/misquote.html")).exit()).isZero();

    List<Map<String, Object>> rows = cli.query("select kind, summary, detail, citation_id, article_id from finding");
    assertThat(rows).singleElement().satisfies(f -> {
      assertThat(f.get("kind")).isEqualTo("CITATION_MISMATCH");
      assertThat((String) f.get("summary")).startsWith("the article's quote differs from the post's text as captured"
          + " 2026-03-01T10:00:00Z via ");
      assertThat((String) f.get("detail"))
          .startsWith("… about View Flattening in [-Vue-] {+React+} Native, I wrote a …");
      assertThat(f.get("citation_id")).isNotNull();
      assertThat(f.get("article_id")).isNotNull();
    });
    CliRunner.Run status = cli.run("status", Articles.PHOTO_POST);
    assertThat(status.out()).contains("CITATION_MISMATCH first seen 2026-03-01T10:00:00Z: the article's quote differs",
        "    … about View Flattening in [-Vue-] {+React+} Native, I wrote a …");
    JsonNode report = new ObjectMapper().readTree(cli.run("report", "--format", "json").out());
    assertThat(report.path("findings")).singleElement().satisfies(f -> {
      assertThat(f.path("kind").asText()).isEqualTo("CITATION_MISMATCH");
      assertThat(f.path("detail").asText()).contains("[-Vue-] {+React+}");
    });

    cli.run("archive", pages.url("/misquote.html"));
    assertThat(cli.query("select count(*) n from finding").get(0).get("n")).as("stored once").isEqualTo(1L);
  }

  @Test
  void aRenamedHandleIsAMismatchNamingBoth() throws IOException {
    CliRunner cli = start(Scenario.of(new Scenario.Post(Articles.PHOTO_POST, "photo_tweet_1641086480675225601.json",
        null, "SuslaDev", null, null, List.of(), Scenario.Service.X)));
    page("/renamed.html", embed(PHOTO_TEXT, "sammy", "SamuelSusla", Articles.PHOTO_POST, "March 29, 2023"));

    assertThat(cli.run("archive", pages.url("/renamed.html")).exit()).isZero();

    assertThat(cli.query("select summary from finding")).extracting(f -> (String) f.get("summary"))
        .singleElement().asString().startsWith("cited as @SamuelSusla, the post's author is now @SuslaDev (captured ");
  }

  @Test
  void anAccurateQuoteWithEntitiesEmojiAndAPicLinkIsNoFinding() throws IOException {
    CliRunner cli = start(Scenario.of(new Scenario.Post(Articles.PHOTO_POST, "photo_tweet_1641086480675225601.json",
        "Storm &amp; flood warning for Kyiv ❤\uFE0F stay safe 👍🏽 https://t.co/rQd6FIwZ0U", null, null, null,
        List.of(), Scenario.Service.X)));
    page("/accurate.html", embed("Storm &amp;amp; flood   warning for Kyiv ❤ stay safe 👍"
        + " <a href=\"https://t.co/rQd6FIwZ0U\">pic.twitter.com/rQd6FIwZ0U</a>", "sammy", "SamuelSusla",
        Articles.PHOTO_POST, "March 29, 2023"));

    CliRunner.Run run = cli.run("archive", pages.url("/accurate.html"));

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(cli.query("select count(*) n from post_capture").get(0).get("n")).isNotEqualTo(0L);
    assertThat(cli.query("select kind, summary from finding")).isEmpty();
  }

  @Test
  void recaptureFlagsTheReferenceRemovedFromTheArticleAndNotTheKeptOne() throws IOException {
    CliRunner cli = start(Scenario.demo());
    page("/story.html", Articles.twoEmbeds());
    assertThat(cli.run("archive", pages.url("/story.html")).exit()).isZero();
    String before = Articles.twoEmbeds();
    page("/story.html", before.substring(0, before.indexOf("<p>And another.</p>")) + "</article></body></html>");
    env.clock().advance(Duration.ofDays(3));

    CliRunner.Run run = cli.run("archive", "--recapture");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("recapture " + pages.url("/story.html") + ": 1 reference removed or replaced since"
        + " 2026-03-01T10:00:00Z\n  ARTICLE_DRIFT reference to x " + Articles.VIDEO_POST + " removed from the article"
        + " between 2026-03-01T10:00:00Z and 2026-03-04T10:00:00Z\n");
    List<Map<String, Object>> drift = cli.query("select f.summary, p.post_id from finding f join post p"
        + " on p.id = f.post_ref where f.kind = 'ARTICLE_DRIFT'");
    assertThat(drift).extracting(f -> f.get("post_id")).containsExactly(Articles.VIDEO_POST);
    assertThat(cli.query("select count(*) n from article_capture").get(0).get("n")).isEqualTo(2L);

    env.clock().advance(Duration.ofDays(1));
    CliRunner.Run again = cli.run("archive", "--recapture", pages.url("/story.html"));
    assertThat(again.out()).contains("recapture " + pages.url("/story.html") + ": no change in references since"
        + " 2026-03-04T10:00:00Z");
    assertThat(cli.query("select count(*) n from finding where kind = 'ARTICLE_DRIFT'").get(0).get("n"))
        .isEqualTo(1L);
  }

  @Test
  void archiveWithoutInputsOrRecaptureIsAUsageError() throws IOException {
    CliRunner.Run run = start(Scenario.demo()).run("archive");
    assertThat(run.exit()).isNotZero();
    assertThat(run.err()).contains("Missing required parameter: INPUT", "or --recapture");
  }

  private CliRunner start(Scenario scenario) throws IOException {
    env = SandboxedCli.start(work, scenario, Map.of());
    return env.cli().allow(pages);
  }

  private void page(String path, String html) {
    pages.page(path, html.getBytes(StandardCharsets.UTF_8), HTML);
  }

  private static String embed(String text, String name, String handle, String id, String date) {
    return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Story</title></head><body><article>"
        + "<p>The post said:</p><blockquote class=\"twitter-tweet\"><p lang=\"en\" dir=\"ltr\">" + text + "</p>&mdash; "
        + name + " (@" + handle + ") <a href=\"https://twitter.com/" + handle + "/status/" + id + "\">" + date
        + "</a></blockquote></article></body></html>";
  }
}
