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

  /** Whether {@code e} or one of its causes is an {@code ArchiveWriteException}: the run must stop. */
  public static boolean stopsTheRun(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ArchiveWriteException) {
        return true;
      }
    }
    return false;
  }

  /** The {@code ArchiveWriteException} in {@code e}'s causes, to rethrow, or null. */
  public static ArchiveWriteException in(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ArchiveWriteException a) {
        return a;
      }
    }
    return null;
  }
}
