package org.embedwatch.store;

import org.embedwatch.EmbedwatchException;

/** A failure of the store (SQL, disk); the message names the database. */
public final class StoreException extends EmbedwatchException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
