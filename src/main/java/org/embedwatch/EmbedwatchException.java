package org.embedwatch;

/**
 * An operational failure the operator can act on. The message says what failed, where, and what to do; the CLI prints
 * it as one {@code error: …} line and exits with 1.
 */
public class EmbedwatchException extends RuntimeException {
  public EmbedwatchException(String message) {
    super(message);
  }

  public EmbedwatchException(String message, Throwable cause) {
    super(message, cause);
  }
}
