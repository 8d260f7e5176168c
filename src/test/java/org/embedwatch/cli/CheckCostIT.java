package org.embedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.embedwatch.sandbox.RecordedRequest;
import org.embedwatch.sandbox.Scenario;
import org.embedwatch.testsupport.SandboxedCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a check of an available X post costs, counted in the sandbox's request log: at most 4 requests (syndication,
 * oEmbed, and media at most), no Wayback request at the first capture nor later, and an author's avatar (a URL shared
 * by all the posts) fetched once per run, not at every first capture.
 */
class CheckCostIT {
  private static final String SAMPLE = "photo_tweet_1641086480675225601.json";
  private static final List<String> IDS = List.of("1900000000000000001", "1900000000000000002",
      "1900000000000000003", "1900000000000000004");
  @TempDir Path work;
  private SandboxedCli env;
  private Path article;

  @BeforeEach
  void start() throws IOException {
    List<Scenario.Post> posts = new ArrayList<>();
    StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body><article>");
    for (String id : IDS) {
      posts.add(Scenario.Post.of(id, SAMPLE)); // one author (@SamuelSusla, one avatar URL), one photo each
      html.append("<blockquote class=\"twitter-tweet\"><p>A post.</p>&mdash; sammy (@SamuelSusla) <a href=\""
          + "https://twitter.com/SamuelSusla/status/").append(id).append("\">March 29, 2023</a></blockquote>");
    }
    env = SandboxedCli.start(work, new Scenario(posts, List.of()), Map.of());
    article = Files.writeString(work.resolve("one-author.html"), html.append("</article></body></html>"));
  }

  @AfterEach
  void stop() {
    env.close();
  }

  /** Requests of one run: by host, and syndication/oEmbed per post id. */
  private record Counted(List<RecordedRequest> all) {
    long host(String host) {
      return all.stream().filter(r -> r.host().equals(host)).count();
    }

    long naming(String host, String id) {
      return all.stream().filter(r -> r.host().equals(host)
          && (r.query() == null ? "" : r.query()).contains(id)).count();
    }

    List<String> media() {
      return all.stream().filter(r -> r.host().endsWith("twimg.com") && !r.host().startsWith("cdn.syndication"))
          .map(RecordedRequest::hostPath).toList();
    }
  }

  private Counted run(String... args) {
    int before = env.sandbox().requests().size();
    assertThat(env.cli().run(args).exit()).isZero();
    List<RecordedRequest> all = env.sandbox().requests();
    return new Counted(List.copyOf(all.subList(before, all.size())));
  }

  @Test
  void aFirstCaptureCostsAtMostFourRequestsAPostAndFetchesTheSharedAvatarOnce() {
    Counted first = run("archive", article.toString());

    for (String id : IDS) {
      assertThat(first.naming("cdn.syndication.twimg.com", id)).as("syndication of %s", id).isEqualTo(1);
      assertThat(first.naming("publish.twitter.com", id)).as("oEmbed of %s", id).isEqualTo(1);
    }
    assertThat(first.host("web.archive.org")).isZero();
    // The avatar and the photo (the sample's, served under every id) are each fetched once in the run.
    assertThat(first.media()).hasSize(2).doesNotHaveDuplicates()
        .anyMatch(p -> p.contains("profile_images")).anyMatch(p -> p.contains("/media/"));
    assertThat(first.all()).hasSize(2 * IDS.size() + 2);
    assertThat((double) first.all().size() / IDS.size()).isLessThanOrEqualTo(4.0);

    // Every post's capture still has its media stored: the later posts' rows point at the one fetch's blob and WARC
    // record.
    List<Map<String, Object>> media = env.cli().query("select p.post_id, m.kind, m.outcome, m.media_id,"
        + " m.warc_record_id from post_capture_media m join post_capture c on c.id = m.post_capture_id"
        + " join post p on p.id = c.post_ref order by p.post_id, m.kind");
    assertThat(media).hasSize(2 * IDS.size()).allSatisfy(m -> {
      assertThat(m.get("outcome")).isEqualTo("stored");
      assertThat(m.get("media_id")).isNotNull();
      assertThat(m.get("warc_record_id")).isNotNull();
    });
    assertThat(media.stream().filter(m -> m.get("kind").equals("avatar")).map(m -> m.get("warc_record_id"))
        .distinct()).hasSize(1);
    assertThat(env.cli().query("select count(*) n from media").get(0).get("n")).isEqualTo(2L);
    assertThat(env.cli().query("select count(distinct post_ref) n from post_capture").get(0).get("n"))
        .isEqualTo((long) IDS.size());
  }

  @Test
  void aLaterCheckCostsAtMostFourRequestsAPostAndRefetchesOnlyThePhotos() {
    run("archive", article.toString());
    env.clock().advance(Duration.ofDays(1));

    Counted later = run("check");

    for (String id : IDS) {
      assertThat(later.naming("cdn.syndication.twimg.com", id)).as("syndication of %s", id).isEqualTo(1);
      assertThat(later.naming("publish.twitter.com", id)).as("oEmbed of %s", id).isEqualTo(1);
    }
    assertThat(later.host("web.archive.org")).isZero();
    // check.refetch-photos: the photo is fetched again (once in the run), the unchanged avatar not at all.
    assertThat(later.media()).hasSize(1).allMatch(p -> p.contains("/media/"));
    assertThat(later.all()).hasSize(2 * IDS.size() + 1);
    assertThat(env.cli().query("select post_id, state from post")).hasSize(IDS.size())
        .allSatisfy(p -> assertThat(p.get("state")).isEqualTo("AVAILABLE"));
  }
}
