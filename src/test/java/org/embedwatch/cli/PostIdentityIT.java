package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.embedwatch.sandbox.Scenario;
import org.embedwatch.testsupport.CliRunner;
import org.embedwatch.testsupport.SandboxedCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stored post is told apart by its platform's identity: a Mastodon status id is unique only on its server, so two
 * servers' posts with the same number are two posts; an X post cited twice is one.
 */
class PostIdentityIT {
  private static final String SAME_NUMBER = "109999999999999999";

  @TempDir Path work;
  private SandboxedCli env;
  private CliRunner cli;

  @BeforeEach
  void start() throws IOException {
    env = SandboxedCli.start(work, Scenario.of(
        Scenario.Post.mastodon(SAME_NUMBER, "alice@mastodon.social", "Alice's post"),
        Scenario.Post.mastodon("110000000000000000", "carol@fosstodon.org", "Carol's post")), Map.of());
    cli = env.cli();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void mastodonPostsWithTheSameIdOnTwoServersAreTwoStoredPosts() throws IOException {
    Files.writeString(work.resolve("a.html"), "<html><body><article>"
        + "<p><a href=\"https://mastodon.social/@alice/" + SAME_NUMBER + "\">Alice</a></p>"
        + "<p><a href=\"https://fosstodon.org/@bob/" + SAME_NUMBER + "\">Bob</a></p>"
        + "</article></body></html>");
    Files.writeString(work.resolve("b.html"), "<html><body><article>"
        + "<p><a href=\"https://mastodon.social/@alice/" + SAME_NUMBER + "\">Alice again</a></p>"
        + "</article></body></html>");

    assertThat(cli.run("archive", "a.html").exit()).isZero();
    assertThat(cli.run("archive", "b.html").exit()).isZero();

    assertThat(cli.query("select platform, post_id, url from post order by id"))
        .extracting(r -> r.get("platform") + " " + r.get("post_id") + " " + r.get("url"))
        .containsExactly(
            "mastodon " + SAME_NUMBER + " https://mastodon.social/@alice/" + SAME_NUMBER,
            "mastodon " + SAME_NUMBER + " https://fosstodon.org/@bob/" + SAME_NUMBER);
    assertThat(cli.query("select p.url from citation c join post p on p.id = c.post_ref order by c.id"))
        .extracting(r -> r.get("url"))
        .containsExactly(
            "https://mastodon.social/@alice/" + SAME_NUMBER,
            "https://fosstodon.org/@bob/" + SAME_NUMBER,
            "https://mastodon.social/@alice/" + SAME_NUMBER);
  }
}
