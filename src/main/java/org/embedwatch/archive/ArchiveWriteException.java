package org.embedwatch.archive;

import org.embedwatch.EmbedwatchException;

/**
 * The archive's files could not be written (the disk is full, a write failed): fatal for the run, never one post's
 * failure, because every later capture would fail the same way. What was stored before is whole: the file was cut back
 * to its last whole record. The message names the file, the reason and what to do.
 */
public final class ArchiveWriteException extends EmbedwatchException {
  public ArchiveWriteException(String message, Throwable cause) {
    super(message, cause);
  }
}
