package org.embedwatch.read;

import org.embedwatch.EmbedwatchException;

/** An input that cannot be read as an article; the message names the input and what to do. */
public final class UnreadableInputException extends EmbedwatchException {
  public UnreadableInputException(String message) {
    super(message);
  }

  public UnreadableInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
