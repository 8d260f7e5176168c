package org.embedwatch.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a crashed process (kill -9, power loss) left in an archive, cleaned up at the start of a command that writes:
 * a WARC file still marked open whose writer is gone is cut back to its last whole record, and temporary directories
 * whose process is gone are removed. Files another live process is writing are never touched (their locks are held);
 * files closed cleanly are never read (they carry no marker), so a start costs a directory listing.
 */
public final class CrashDebris {
  private static final Logger log = LoggerFactory.getLogger(CrashDebris.class);

  private CrashDebris() {}

  /**
   * Repairs and removes what crashes left in the archive at {@code archiveDir}, saying what it did on stderr (one
   * warning per file).
   *
   * @return what was done, one line per file repaired or directory removed
   * @throws UncheckedIOException when the archive's files cannot be read or changed
   */
  public static List<String> clean(Path archiveDir) {
    List<String> done = new ArrayList<>();
    try {
      Path warc = archiveDir.resolve("warc");
      if (Files.isDirectory(warc)) {
        List<Path> markers;
        try (Stream<Path> list = Files.list(warc)) {
          markers = list.filter(p -> p.getFileName().toString().endsWith(WarcFile.MARKER)).sorted().toList();
        }
        for (Path marker : markers) {
          repair(marker).ifPresent(done::add);
        }
      }
      TempSpace.Removed removed = TempSpace.sweep(archiveDir.resolve("tmp"));
      if (removed.entries() > 0) {
        done.add(archiveDir.resolve("tmp") + ": removed " + removed.entries() + " temporary "
            + (removed.entries() == 1 ? "directory or file" : "directories and files") + " ("
            + ByteCount.of(removed.bytes()) + ") left by a crash");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean up after a crash in " + archiveDir + ": " + e.getMessage()
          + " (check the archive's permissions and free space)", e);
    }
    done.forEach(log::warn);
    return done;
  }

  /** Repairs the file {@code marker} marks open when its writer is gone; what was done, if anything was. */
  static Optional<String> repair(Path marker) throws IOException {
    String name = marker.getFileName().toString();
    Path file = marker.resolveSibling(name.substring(0, name.length() - WarcFile.MARKER.length()));
    if (!Files.exists(file)) {
      Files.deleteIfExists(marker); // its writer removed an empty file, then died before the marker
      return Optional.empty();
    }
    Optional<ProcessLocks.Held> claimed = ProcessLocks.claimIfAbandoned(file);
    if (claimed.isEmpty()) {
      return Optional.empty(); // a live process is writing it
    }
    try {
      WarcTail.Scan scan = WarcTail.scan(claimed.get().channel());
      String said = null;
      if (scan.truncated()) {
        long cut = scan.size() - scan.wholeEnd();
        claimed.get().channel().truncate(scan.wholeEnd());
        claimed.get().channel().force(true);
        if (scan.wholeEnd() == 0) {
          Files.delete(file);
          said = file + ": removed, it held only a truncated record (" + ByteCount.of(cut) + ") left by a crash";
        } else {
          said = file + ": cut a truncated last record (" + ByteCount.of(cut) + ") left by a crash";
        }
      } else if (scan.damage() != null) {
        said = file + ": damaged at offset " + scan.wholeEnd() + " (" + scan.damage() + "), left as it is: whole"
            + " records may follow; check it with 'java -cp embedwatch.jar org.netpreserve.jwarc.tools.WarcTool"
            + " validate " + file + "'";
      }
      Files.deleteIfExists(marker);
      return Optional.ofNullable(said);
    } finally {
      ProcessLocks.release(claimed.get());
    }
  }
}
