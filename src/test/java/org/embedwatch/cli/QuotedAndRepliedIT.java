package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.embedwatch.sandbox.Change;
import org.embedwatch.sandbox.Scenario;
import org.embedwatch.testsupport.Articles;
import org.embedwatch.testsupport.CliRunner;
import org.embedwatch.testsupport.SandboxedCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cited post's quoted and replied-to posts are captured as posts of their own and linked, through {@code archive},
 * {@code check} and {@code status}; a vanished quoted post is flagged on its own row, not on the post that quotes it.
 */
class QuotedAndRepliedIT {
  private static final String REPLY_POST = "2023400000000000001";

  @TempDir Path work;
  private SandboxedCli env;
  private CliRunner cli;

  @BeforeEach
  void start() throws IOException {
    // The article cites only the quote tweet and the reply; the photo post they name is served but not cited.
    env = SandboxedCli.start(work, Scenario.of(
        Scenario.Post.of(Articles.QUOTE_POST, "quoted_tweet_1641895049427550208.json"),
        Scenario.Post.of(REPLY_POST, "reply_tweet_constructed.json"),
        Scenario.Post.of(Articles.PHOTO_POST, "photo_tweet_1641086480675225601.json")), Map.of());
    cli = env.cli();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private Path article() throws IOException {
    return Files.writeString(work.resolve("quotes.html"), "<html><body><article><p>Two posts.</p>"
        + "<blockquote class=\"twitter-tweet\"><p>quote</p>&mdash; Matt (@mattcarrollcode) <a href=\"https://twitter.com/"
        + "mattcarrollcode/status/" + Articles.QUOTE_POST + "\">March 30, 2023</a></blockquote>"
        + "<p>And a reply.</p><blockquote class=\"twitter-tweet\"><p>Which bridge is this?</p>&mdash; Jarred"
        + " (@jarredsumner) <a href=\"https://twitter.com/jarredsumner/status/" + REPLY_POST
        + "\">February 18, 2026</a></blockquote></article></body></html>");
  }

  private String state(String postId) {
    Map<String, Object> row = cli.query("select state, state_reason from post where post_id = ?", postId).get(0);
    return row.get("state") + (row.get("state_reason") == null ? "" : "/" + row.get("state_reason"));
  }

  @Test
  void theQuotedAndTheRepliedToPostAreCapturedAsTheirOwnPostsAndLinkedOnce() throws IOException {
    CliRunner.Run run = cli.run("archive", article().toString());

    assertThat(run.exit()).as(run.err()).isZero();
    // Both cited posts name it; the line says through which one it was found first (they are checked concurrently).
    assertThat(run.out()).containsPattern("x " + Articles.PHOTO_POST + " @SamuelSusla, (quoted by x "
        + Articles.QUOTE_POST + "|replied to by x " + REPLY_POST + ")\n    -> AVAILABLE");
    assertThat(cli.query("select post_id from post order by post_id")).extracting(r -> r.get("post_id"))
        .containsExactly(Articles.PHOTO_POST, Articles.QUOTE_POST, REPLY_POST);
    assertThat(cli.query("select p.post_id from citation c join post p on p.id = c.post_ref order by p.post_id"))
        .extracting(r -> r.get("post_id")).as("the named post is not a citation")
        .containsExactly(Articles.QUOTE_POST, REPLY_POST);
    List<Map<String, Object>> links = cli.query("select f.post_id as from_id, l.kind, l.to_post_id, l.to_handle,"
        + " t.post_id as to_row from post_link l join post f on f.id = l.from_post left join post t on t.id = l.to_post"
        + " order by l.kind");
    assertThat(links).extracting(l -> l.get("from_id") + " " + l.get("kind") + " " + l.get("to_post_id") + " @"
        + l.get("to_handle") + " row " + l.get("to_row"))
        .containsExactly(
            Articles.QUOTE_POST + " quoted " + Articles.PHOTO_POST + " @SamuelSusla row " + Articles.PHOTO_POST,
            REPLY_POST + " replied_to " + Articles.PHOTO_POST + " @SamuelSusla row " + Articles.PHOTO_POST);
    // Captured once, with its own observations and raw body, as any cited post.
    assertThat(cli.query("select count(*) as n from post_capture c join post p on p.id = c.post_ref"
        + " where p.post_id = ? and c.endpoint = 'x-syndication'", Articles.PHOTO_POST).get(0).get("n"))
        .isEqualTo(1L);
    assertThat(state(Articles.PHOTO_POST)).isEqualTo("AVAILABLE");

    CliRunner.Run again = cli.run("check", "--all");

    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.out()).contains("checked 3 posts");
    assertThat(cli.query("select count(*) as n from post_link").get(0).get("n")).as("links are stored once")
        .isEqualTo(2L);
  }

  @Test
  void aDeletedQuotedPostIsFlaggedOnItsOwnRowAndTheQuotingPostStaysAvailable() throws IOException {
    assertThat(cli.run("archive", article().toString()).exit()).isZero();

    env.clock().advance(Duration.ofHours(25));
    env.sandbox().apply(Articles.PHOTO_POST, Change.deleted());
    CliRunner.Run check = cli.run("check");

    assertThat(check.exit()).as(check.err()).isZero();
    assertThat(state(Articles.PHOTO_POST)).isEqualTo("SUSPECTED_UNAVAILABLE/DELETED");
    assertThat(state(Articles.QUOTE_POST)).isEqualTo("AVAILABLE");
    assertThat(state(REPLY_POST)).isEqualTo("AVAILABLE");

    CliRunner.Run quoting = cli.run("status", Articles.QUOTE_POST);
    assertThat(quoting.exit()).as(quoting.err()).isZero();
    assertThat(quoting.out()).containsPattern("quotes x " + Articles.PHOTO_POST + " @SamuelSusla \\(SUSPECTED_UNAVAILABLE");
    CliRunner.Run quoted = cli.run("status", Articles.PHOTO_POST);
    assertThat(quoted.out()).contains("quoted by x " + Articles.QUOTE_POST + " @mattcarrollcode (AVAILABLE)")
        .contains("replied to by x " + REPLY_POST);
    CliRunner.Run json = cli.run("report", "--format", "json");
    assertThat(json.out()).contains("\"relation\" : \"quotes\"").contains("\"relation\" : \"quoted by\"");
  }
}
