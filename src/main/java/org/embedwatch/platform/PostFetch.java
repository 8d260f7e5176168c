package org.embedwatch.platform;

import org.embedwatch.evidence.Outcome;
import org.embedwatch.evidence.UnavailableReason;
import org.embedwatch.net.Fetch;

/** What one endpoint answered about one post: exactly one typed outcome, with the HTTP exchange behind it. */
public sealed interface PostFetch {
  /** The endpoint's name as stored ({@code x-syndication}, {@code x-v1.1}, …). */
  String endpoint();

  /** The exchange, or null when the client does not go through our HTTP stack. */
  Fetch fetch();

  Outcome outcome();

  /**
   * The endpoint served the post.
   *
   * @param part the post's own part of a response shared by several posts (a batch lookup), or null when the whole
   *     response body is about this post
   */
  record Served(String endpoint, Fetch.Response fetch, PostContent content, Part part) implements PostFetch {
    /** A response that is wholly about this post. */
    public Served(String endpoint, Fetch.Response fetch, PostContent content) {
      this(endpoint, fetch, content, null);
    }

    @Override
    public Outcome outcome() {
      return Outcome.AVAILABLE;
    }

    /** The bytes stored as the post's capture: its part when there is one, else the whole response body. */
    public byte[] capturedBytes() {
      return part == null ? fetch.body() : part.bytes();
    }

    /** Which bytes {@link #capturedBytes()} are: {@code payload}, or {@code json-pointer <pointer>} into it. */
    public String capturedScope() {
      return part == null ? PAYLOAD : "json-pointer " + part.pointer();
    }
  }

  /** Stored as the body scope of a capture whose bytes are the whole response payload. */
  String PAYLOAD = "payload";

  /**
   * One post's part of a JSON response about several posts.
   *
   * @param pointer the RFC 6901 JSON pointer of the part inside the response payload ({@code /data/3})
   * @param bytes the part re-serialized compactly by Jackson, which a verifier can redo from the WARC payload
   */
  record Part(String pointer, byte[] bytes) {}

  /** The endpoint said the post is unavailable, with a reason and its own words. */
  record Unavailable(String endpoint, Fetch fetch, UnavailableReason reason, String detail) implements PostFetch {
    @Override
    public Outcome outcome() {
      return Outcome.UNAVAILABLE;
    }
  }

  /** The endpoint said it has no such post, without a reason. */
  record NotFound(String endpoint, Fetch fetch, String detail) implements PostFetch {
    @Override
    public Outcome outcome() {
      return Outcome.NOT_FOUND;
    }
  }

  /**
   * We could not learn anything about the post: rate limited, server error, transport error, refused, or a body we
   * do not understand. Never evidence of unavailability.
   */
  record Inconclusive(String endpoint, Fetch fetch, Outcome outcome, String detail) implements PostFetch {
    public Inconclusive {
      if (outcome.isEvidence()) {
        throw new IllegalArgumentException("an inconclusive fetch cannot have outcome " + outcome);
      }
    }

    /**
     * The answers that tell nothing about the post, whatever the platform: 429 (rate limited) and 5xx (server error).
     */
    public static java.util.Optional<Inconclusive> unanswered(String endpoint, Fetch.Response r) {
      if (r.status() == 429) {
        return java.util.Optional.of(new Inconclusive(endpoint, r, Outcome.RATE_LIMITED, "HTTP 429 " + r.snippet()));
      }
      if (r.status() >= 500) {
        return java.util.Optional.of(
            new Inconclusive(endpoint, r, Outcome.SERVER_ERROR, "HTTP " + r.status() + " " + r.snippet()));
      }
      return java.util.Optional.empty();
    }

    /** A request that got no answer: rate limited when a parked host was not asked, else a transport error. */
    public static Inconclusive of(String endpoint, Fetch.Failure failure) {
      Outcome outcome = failure.kind() == Fetch.Kind.RATE_LIMITED ? Outcome.RATE_LIMITED : Outcome.TRANSPORT_ERROR;
      return new Inconclusive(endpoint, failure, outcome,
          failure.kind().name().toLowerCase(java.util.Locale.ROOT) + ": " + failure.message());
    }
  }
}
