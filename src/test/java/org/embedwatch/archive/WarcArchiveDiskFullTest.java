package org.embedwatch.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.embedwatch.evidence.WarcLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;

/**
 * A full disk in the middle of a WARC record: the archive stops for good (no hang), the file ends with its last whole
 * record, and the error names the file.
 */
class WarcArchiveDiskFullTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);

  @TempDir Path work;

  @Test
  void aFullDiskStopsTheArchiveAndLeavesOnlyWholeRecords() throws IOException {
    Path dir = work.resolve("warc");
    WarcArchive warc = new WarcArchive(dir, 1L << 30, Map.of("software", "test"), CLOCK,
        FullDiskChannel.opener(100_000));
    List<WarcLocation> stored = new ArrayList<>();
    ArchiveWriteException failure = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
      for (int i = 0; i < 1000; i++) {
        try {
          stored.add(warc.write(exchange(i, 16_000)));
        } catch (ArchiveWriteException e) {
          return e;
        }
      }
      throw new AssertionError("the disk never filled up");
    });
    Path file = only(dir);
    assertThat(failure.getMessage())
        .startsWith("cannot write WARC file " + file + ": No space left on device (")
        .contains(" free); the run stopped, nothing after the last whole record was kept");
    assertThat(stored).hasSizeGreaterThan(2);

    // The next write and sync fail at once (before the fix, the next write spun forever holding the lock).
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
      assertThatThrownBy(() -> warc.write(exchange(9999, 10))).isInstanceOf(ArchiveWriteException.class)
          .hasMessage(failure.getMessage());
      assertThatThrownBy(warc::sync).isInstanceOf(ArchiveWriteException.class);
      warc.close();
    });

    List<Long> responses = new ArrayList<>();
    int records = 0;
    try (WarcReader reader = new WarcReader(file)) {
      for (WarcRecord record : reader) {
        records++;
        if (record instanceof WarcResponse) {
          responses.add(reader.position());
        }
        record.body().consume();
      }
    }
    assertThat(records).isEqualTo(1 + 2 * stored.size());
    assertThat(responses).containsExactlyElementsOf(stored.stream().map(WarcLocation::offset).toList());
    try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file)) {
      assertThat(WarcTail.scan(channel).whole()).isTrue();
    }
    assertThat(dir.resolve(file.getFileName() + WarcFile.MARKER)).doesNotExist();
  }

  @Test
  void aDiskFullBeforeTheFirstWholeRecordLeavesNoFile() {
    Path dir = work.resolve("warc");
    WarcArchive warc = new WarcArchive(dir, 1L << 30, Map.of("software", "test"), CLOCK, FullDiskChannel.opener(40));
    ArchiveWriteException failure = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> catchWrite(warc, exchange(0, 100)));
    assertThat(failure).hasMessageContaining("No space left on device").hasMessageContaining(dir.toString());
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void aFileThatCannotBeCreatedStopsTheArchiveNamingItsDirectory() throws IOException {
    Path dir = work.resolve("warc");
    WarcArchive warc = new WarcArchive(dir, 1L << 30, Map.of("software", "test"), CLOCK, path -> {
      throw new java.nio.file.AccessDeniedException(path.toString());
    });
    ArchiveWriteException failure = catchWrite(warc, exchange(0, 100));
    assertThat(failure.getMessage()).startsWith("cannot write WARC file in " + dir + ": ")
        .contains("; the run stopped");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void syncForcesOnlyWhatWasWrittenSinceTheLastSync() {
    Path dir = work.resolve("warc");
    WarcArchive warc = new WarcArchive(dir, 1L << 30, Map.of("software", "test"), CLOCK);
    warc.sync(); // nothing written: nothing to do
    WarcLocation at = warc.write(exchange(1, 100));
    warc.sync();
    warc.sync();
    warc.close();
    assertThat(dir.resolve(at.file())).exists();
    assertThat(dir.resolve(at.file() + WarcFile.MARKER)).doesNotExist();
  }

  @Test
  void aFailedSyncStopsTheArchiveAndLeavesTheFileMarkedForTheNextStart() throws IOException {
    Path dir = work.resolve("warc");
    WarcArchive warc = new WarcArchive(dir, 1L << 30, Map.of("software", "test"), CLOCK, FullDiskChannel.forceFails());
    WarcLocation at = warc.write(exchange(1, 100));
    Path file = dir.resolve(at.file());

    assertThatThrownBy(warc::sync).isInstanceOf(ArchiveWriteException.class)
        .hasMessageStartingWith("cannot write WARC file " + file + ": Input/output error (")
        .hasMessageEndingWith("the records written since the last sync may not be on the disk (the next run checks"
            + " the file)");
    assertThatThrownBy(() -> warc.write(exchange(2, 100))).isInstanceOf(ArchiveWriteException.class);
    warc.close();
    assertThat(dir.resolve(at.file() + WarcFile.MARKER)).exists();

    // The file was unlocked when it was dropped: the next start checks it, finds it whole, and unmarks it.
    assertThat(CrashDebris.clean(work)).isEmpty();
    assertThat(dir.resolve(at.file() + WarcFile.MARKER)).doesNotExist();
  }

  private static ArchiveWriteException catchWrite(WarcArchive warc, HttpExchangeRecord exchange) {
    try {
      warc.write(exchange);
    } catch (ArchiveWriteException expected) {
      return expected;
    }
    throw new AssertionError("the write did not fail");
  }

  private static Path only(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> all = files.toList();
      assertThat(all).hasSize(1);
      return all.get(0);
    }
  }

  /** An exchange whose body is {@code size} incompressible bytes. */
  static HttpExchangeRecord exchange(int n, int size) {
    byte[] body = new byte[size];
    new Random(n).nextBytes(body);
    return new HttpExchangeRecord(URI.create("https://example.com/post/" + n), null, CLOCK.instant(), "GET",
        List.of(Map.entry("User-Agent", "test")),
        new HttpExchangeRecord.Response(200, "OK", List.of(Map.entry("Content-Type", "application/octet-stream")),
            body, false),
        null);
  }
}
