package org.embedwatch.platform;

import java.util.List;

/**
 * An endpoint that answers about many posts in one request (X v2 {@code /2/tweets?ids=}, v1.1
 * {@code statuses/lookup}). The checker asks it once per chunk of at most {@link #maxBatch()} posts and hands each
 * post its own answer; a served post's answer names the part of the shared response that is about it
 * ({@link PostFetch.Served#part()}).
 */
public interface BatchPostEndpoint extends PostEndpoint {
  /** The most posts one request may carry. */
  int maxBatch();

  /**
   * Asks about {@code posts} (all of {@link #platform()}, at most {@link #maxBatch()}) in as few requests as the
   * endpoint allows.
   *
   * @return exactly one answer per key, in the keys' order; never throws for network trouble
   */
  List<PostFetch> fetchAll(List<PostKey> posts);

  @Override
  default PostFetch fetch(PostKey post) {
    return fetchAll(List.of(post)).get(0);
  }
}
