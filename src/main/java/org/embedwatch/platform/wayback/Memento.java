package org.embedwatch.platform.wayback;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One capture the Wayback Machine holds.
 *
 * @param original the URL as it was captured
 * @param timestamp the 14-digit capture time {@code yyyyMMddHHmmss} (UTC), as the archive writes it
 * @param at the same instant
 * @param statusCode the captured HTTP status as listed ({@code 200}, {@code 302}), or null when listed as {@code -}
 * @param digest the base32 SHA-1 of the captured payload, or null
 * @param mimetype the captured type, or null
 * @param length the compressed WARC record size, or null
 */
public record Memento(String original, String timestamp, Instant at, String statusCode, String digest,
    String mimetype, Long length) {
  private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{14}");
  private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");

  public Memento {
    Objects.requireNonNull(original, "original");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(at, "at");
  }

  /** The memento's replay address: {@code https://web.archive.org/web/<timestamp>/<original>}. */
  public String uri() {
    return "https://web.archive.org/web/" + timestamp + "/" + original;
  }

  /** The address of its raw archived bytes (no rewriting, no toolbar). */
  public String rawUri() {
    return "https://web.archive.org/web/" + timestamp + "id_/" + original;
  }

  /**
   * The instant of a 14-digit Wayback timestamp.
   *
   * @throws IllegalArgumentException if it is not 14 digits naming a real time
   */
  public static Instant instant(String timestamp) {
    if (timestamp == null || !TIMESTAMP.matcher(timestamp).matches()) {
      throw new IllegalArgumentException("not a 14-digit timestamp: '" + timestamp + "'");
    }
    try {
      return LocalDateTime.parse(timestamp, FORMAT).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a valid timestamp: '" + timestamp + "'", e);
    }
  }
}
