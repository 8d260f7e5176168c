package org.embedwatch.evidence;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What fetching one media item gave.
 *
 * @param status the HTTP status for {@link Kind#HTTP_ERROR}, else 0
 * @param limit the byte limit for {@link Kind#TOO_LARGE}, else 0
 */
public record MediaOutcome(Kind kind, int status, long limit) {
  /** How a media fetch ended. */
  public enum Kind {
    /** The bytes are stored. */
    STORED,
    /** The server answered with a status other than 200. */
    HTTP_ERROR,
    /** The body was longer than the limit ({@code media.max-bytes}). */
    TOO_LARGE,
    /** The host said to wait (429), or was parked. */
    RATE_LIMITED,
    /** No answer: connection, timeout, I/O, refusal. */
    TRANSPORT_ERROR,
    /**
     * Not fetched: the URL leads to an address that is not public (loopback, private, link-local, …) and the operator
     * did not allow it ({@code net.allow-addresses}).
     */
    REFUSED,
    /** The URL the platform gave does not parse. */
    BAD_URL,
    /** The URL is not http(s). */
    NOT_HTTP,
    /** Not fetched: the post lists more media than {@code media.max-per-post}. */
    NOT_FETCHED
  }

  public static final MediaOutcome STORED = new MediaOutcome(Kind.STORED, 0, 0);

  private static final Pattern HTTP = Pattern.compile("http-(\\d{3})");
  private static final Pattern TOO_LARGE = Pattern.compile("too-large \\(limit (\\d+) bytes\\)");

  public MediaOutcome {
    Objects.requireNonNull(kind, "kind");
    if ((kind == Kind.HTTP_ERROR) != (status != 0) || (kind == Kind.TOO_LARGE) != (limit != 0)) {
      throw new IllegalArgumentException("a status goes with HTTP_ERROR and a limit with TOO_LARGE only: " + kind
          + ", " + status + ", " + limit);
    }
  }

  public static MediaOutcome of(Kind kind) {
    return new MediaOutcome(kind, 0, 0);
  }

  public static MediaOutcome httpError(int status) {
    return new MediaOutcome(Kind.HTTP_ERROR, status, 0);
  }

  public static MediaOutcome tooLarge(long limit) {
    return new MediaOutcome(Kind.TOO_LARGE, 0, limit);
  }

  /** The stored form: {@code stored}, {@code http-404}, {@code too-large (limit N bytes)}, {@code transport-error}, … */
  public String key() {
    return switch (kind) {
      case HTTP_ERROR -> "http-" + status;
      case TOO_LARGE -> "too-large (limit " + limit + " bytes)";
      default -> kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    };
  }

  /** The outcome whose {@link #key()} is {@code key}. */
  public static MediaOutcome parse(String key) {
    Matcher http = HTTP.matcher(key);
    if (http.matches()) {
      return httpError(Integer.parseInt(http.group(1)));
    }
    Matcher big = TOO_LARGE.matcher(key);
    if (big.matches()) {
      return tooLarge(Long.parseLong(big.group(1)));
    }
    for (Kind k : Kind.values()) {
      if (k != Kind.HTTP_ERROR && k != Kind.TOO_LARGE && of(k).key().equals(key)) {
        return of(k);
      }
    }
    throw new IllegalArgumentException("not a media outcome: '" + key + "'");
  }

  @Override
  public String toString() {
    return key();
  }
}
