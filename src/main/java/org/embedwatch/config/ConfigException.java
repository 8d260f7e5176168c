package org.embedwatch.config;

import org.embedwatch.EmbedwatchException;

/** A configuration that cannot be used; the message names the file or key and what to do. */
public final class ConfigException extends EmbedwatchException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
