package org.embedwatch.platform;

import org.embedwatch.evidence.Platform;

/** One endpoint that can be asked about a post of one platform. Implementations never throw for network trouble. */
public interface PostEndpoint {
  Platform platform();

  /** The endpoint's stored name ({@code x-syndication}, …). */
  String name();

  /** Asks about one post of {@link #platform()}. */
  PostFetch fetch(PostKey post);
}
