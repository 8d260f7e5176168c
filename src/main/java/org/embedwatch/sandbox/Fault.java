package org.embedwatch.sandbox;

/**
 * A failure the sandbox injects instead of a normal answer: an HTTP status (each route renders it the way the real
 * host does, e.g. syndication's text/plain 429, v1.1's code 88), or a timeout, where the request is held unanswered
 * until {@link Sandbox#releaseHeldRequests()} or {@link Sandbox#close()}.
 *
 * @param kind what to do
 * @param status the HTTP status for {@link Kind#STATUS}, else 0
 */
public record Fault(Kind kind, int status) {

  /** The kinds of fault. */
  public enum Kind {
    NONE,
    STATUS,
    TIMEOUT
  }

  public Fault {
    if (kind == Kind.STATUS && (status < 400 || status > 599)) {
      throw new IllegalArgumentException("a fault status must be 400..599, got " + status);
    }
    if (kind != Kind.STATUS && status != 0) {
      throw new IllegalArgumentException("only a STATUS fault has a status, got " + kind + " with " + status);
    }
  }

  /** No fault: answer normally. */
  public static Fault none() {
    return new Fault(Kind.NONE, 0);
  }

  /** Answer every affected request with this HTTP status (400..599). */
  public static Fault status(int status) {
    return new Fault(Kind.STATUS, status);
  }

  /** Hold every affected request unanswered until released or closed. */
  public static Fault timeout() {
    return new Fault(Kind.TIMEOUT, 0);
  }

  /** Whether this fault changes anything. */
  public boolean active() {
    return kind != Kind.NONE;
  }
}
