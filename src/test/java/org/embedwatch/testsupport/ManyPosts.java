package org.embedwatch.testsupport;

import java.util.ArrayList;
import java.util.List;
import org.embedwatch.sandbox.Scenario;

/**
 * A scenario of many X posts for load runs: the three demo samples (photo, video, quote tweet) reused in turn under
 * new tweet ids, and an article embedding every one of them. Every quote tweet quotes the photo post
 * {@value #QUOTED}, which the sandbox serves too but the article does not cite: it is captured once, as the quoted post.
 */
public record ManyPosts(List<String> ids) {
  private static final List<String> SAMPLES = List.of("photo_tweet_1641086480675225601.json",
      "video_tweet_1684218600456876032.json", "quoted_tweet_1641895049427550208.json");
  private static final long FIRST_ID = 1_900_000_000_000_000_000L;
  /** The post every quote tweet of the scenario quotes. */
  public static final String QUOTED = "1641086480675225601";

  public ManyPosts {
    ids = List.copyOf(ids);
  }

  /** {@code n} posts with ids 1900000000000000000, 1900000000000000001, ... */
  public static ManyPosts of(int n) {
    List<String> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ids.add(Long.toString(FIRST_ID + i));
    }
    return new ManyPosts(ids);
  }

  /** The sandbox scenario serving every post, no events. */
  public Scenario scenario() {
    List<Scenario.Post> posts = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      posts.add(Scenario.Post.of(ids.get(i), SAMPLES.get(i % SAMPLES.size())));
    }
    if (ids.size() >= SAMPLES.size()) {
      posts.add(Scenario.Post.of(QUOTED, SAMPLES.get(0)));
    }
    return new Scenario(posts, List.of());
  }

  /** An article embedding every post as a twitter-tweet blockquote. */
  public String article() {
    StringBuilder html = new StringBuilder(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Many posts</title></head><body><article>");
    for (String id : ids) {
      html.append("<blockquote class=\"twitter-tweet\"><p>A cited post.</p>&mdash; someone (@someone)"
          + " <a href=\"https://twitter.com/someone/status/").append(id).append("\">March 1, 2026</a></blockquote>\n");
    }
    return html.append("</article></body></html>").toString();
  }
}
