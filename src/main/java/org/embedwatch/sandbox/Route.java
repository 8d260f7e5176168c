package org.embedwatch.sandbox;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/** How one simulated host answers. Implementations are thread-safe. */
interface Route {

  /** The answer to {@code request}, whose {@link RecordedRequest#hostPath()} is on this route's host. */
  Answer answer(RecordedRequest request);

  /** How this host renders an injected failure status (e.g. syndication's text/plain 429, v1.1's code 88). */
  Answer.Reply failure(int status);

  /**
   * The answer about one post: {@code missing} when the scenario has none, the post's fault when it has one, else
   * {@code answer} of its state.
   */
  default Answer about(Optional<PostState> post, Supplier<Answer> missing, Function<PostState, Answer> answer) {
    if (post.isEmpty()) {
      return missing.get();
    }
    return post.get().fault().active() ? faulted(post.get().fault()) : answer.apply(post.get());
  }

  /**
   * The answer to {@code request} for an active status or timeout fault. A host serving several APIs (v1.1 and v2 on
   * api.twitter.com) renders it the way the API asked for does; by default, as {@link #faulted(Fault)}.
   */
  default Answer faulted(Fault fault, RecordedRequest request) {
    return faulted(fault);
  }

  /**
   * The answer for a status or timeout fault. The other kinds change the normal answer on its way out (the
   * dispatcher applies them), so they cannot be answered here.
   *
   * @throws IllegalArgumentException for any other kind
   */
  default Answer faulted(Fault fault) {
    return switch (fault.kind()) {
      case TIMEOUT -> new Answer.Hold();
      case STATUS -> {
        Fault.Status status = (Fault.Status) fault;
        yield failure(status.status()).withHeaders(status.headers());
      }
      case NONE, TRUNCATED, SLOW, MIXED ->
          throw new IllegalArgumentException("a route answers only a status or a timeout fault, not " + fault);
    };
  }
}
