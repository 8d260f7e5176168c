package org.embedwatch.alert;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.stream.XMLStreamException;
import org.embedwatch.report.VisibleText;
import org.embedwatch.store.AlertRows;
import org.embedwatch.store.StoredAlert;

/**
 * The Atom feed file: the newest {@code alert.atom.entries} alerts of the sink, rewritten whole when there is a new
 * one (a temporary file beside it, forced to the disk, then renamed over it), so a reader never sees half a feed. An
 * alert counts as delivered once a written feed holds it; one already older than the newest entries when it is first
 * due is recorded as given up ("not among the newest N"). Writers of one feed file take turns on a lock file beside
 * it. Thread-safe across processes; one dispatcher per archive in a process.
 */
final class AtomFeedSink implements AlertSink {
  static final String NAME = "atom";
  private static final Duration LEASE = Duration.ofMinutes(5);
  private static final int ROUND_LIMIT = 10_000;

  private final Path file;
  private final int entries;
  private final Deliveries deliveries;

  AtomFeedSink(Path file, int entries, Deliveries deliveries) {
    this.file = file.toAbsolutePath().normalize();
    this.entries = entries;
    this.deliveries = deliveries;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String target() {
    return VisibleText.of(file.toString());
  }

  @Override
  public SinkRound deliver(AlertRows.Sink sink, Instant now) {
    List<StoredAlert> due = deliveries.rows().due(sink, now, ROUND_LIMIT);
    List<AlertRows.Claim> claims = new ArrayList<>();
    for (StoredAlert alert : due) {
      deliveries.claim(NAME, alert, now, LEASE).ifPresent(claims::add);
    }
    if (claims.isEmpty() && Files.exists(file)) {
      return new SinkRound(NAME, target(), 0, 0, 0, deliveries.rows().unfinished(sink));
    }
    Optional<String> error;
    List<StoredAlert> feed = List.of();
    try {
      feed = write(sink, now);
      error = Optional.empty();
    } catch (IOException | XMLStreamException | RuntimeException e) {
      error = Optional.of("cannot write " + target() + ": " + VisibleText.of(String.valueOf(e.getMessage())));
    }
    Set<String> inFeed = feed.stream().map(StoredAlert::id).collect(Collectors.toSet());
    int delivered = 0;
    int failed = 0;
    int givenUp = 0;
    for (AlertRows.Claim claim : claims) {
      if (error.isPresent()) {
        if (deliveries.failed(claim, target(), now, error.get())) {
          givenUp++;
        } else {
          failed++;
        }
      } else if (inFeed.contains(claim.alertId())) {
        deliveries.delivered(claim, now);
        delivered++;
      } else {
        deliveries.givenUp(claim, now, "not among the newest " + entries + " alerts when the feed was written"
            + " (alert.atom.entries)");
        givenUp++;
      }
    }
    return new SinkRound(NAME, target(), delivered, failed, givenUp, deliveries.rows().unfinished(sink));
  }

  /** Writes the feed of the sink's newest alerts under the lock file; returns what it holds. */
  private List<StoredAlert> write(AlertRows.Sink sink, Instant now) throws IOException, XMLStreamException {
    Path dir = file.getParent();
    Files.createDirectories(dir);
    Path lockFile = dir.resolve(file.getFileName() + ".lock");
    try (FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lockChannel.lock()) {
      // Read under the lock: a writer that comes later also reads later, so the last feed renamed is the newest.
      List<StoredAlert> feed = deliveries.rows().newest(sink, entries);
      Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
      try {
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            OutputStream out = Channels.newOutputStream(ch)) {
          AtomFeed.write(out, "urn:uuid:" + sink.feedUid(), feed, now);
          ch.force(true);
        }
        if (temp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
          Files.setPosixFilePermissions(temp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(dir);
      } finally {
        Files.deleteIfExists(temp);
      }
      return feed;
    }
  }

  /** Forces the directory entry of the rename to the disk, where the platform allows opening a directory. */
  private static void forceDirectory(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException ignored) {
      // Not every platform opens a directory for reading (Windows); the rename itself is atomic there.
    }
  }
}
