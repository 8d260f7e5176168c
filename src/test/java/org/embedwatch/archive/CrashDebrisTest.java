package org.embedwatch.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.embedwatch.evidence.WarcLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;

/** What a crash leaves in an archive, repaired at the next start; what a live process is writing, left alone. */
class CrashDebrisTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);

  @TempDir Path archive;
  @TempDir Path staging;

  @Test
  void aTruncatedLastRecordIsCutBackToTheLastWholeOne() throws IOException {
    Path file = crashedWarc(3);
    long whole = wholeSize;

    List<String> said = CrashDebris.clean(archive);

    assertThat(said).containsExactly(file + ": cut a truncated last record (" + ByteCount.of(cutBytes)
        + ") left by a crash");
    assertThat(Files.size(file)).isEqualTo(whole);
    // warcinfo, 3 whole exchanges, and the request of the fourth, whose response the crash cut in half
    assertThat(records(file)).isEqualTo(1 + 2 * 3 + 1);
    assertThat(marker(file)).doesNotExist();
    assertThat(CrashDebris.clean(archive)).isEmpty();
  }

  @Test
  void anIntactFileMarkedOpenIsLeftAsItIsAndUnmarked() throws IOException {
    Path file = crashedWarc(2);
    try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
      c.truncate(wholeSize); // the crash came between two records
    }
    byte[] before = Files.readAllBytes(file);

    assertThat(CrashDebris.clean(archive)).isEmpty();

    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(marker(file)).doesNotExist();
  }

  @Test
  void aFileWithoutMarkerIsNeverRead() throws IOException {
    Path file = crashedWarc(2);
    Files.delete(marker(file));
    long size = Files.size(file);

    assertThat(CrashDebris.clean(archive)).isEmpty();

    assertThat(Files.size(file)).isEqualTo(size);
  }

  @Test
  void aFileHoldingOnlyATruncatedWarcinfoIsRemoved() throws IOException {
    Path dir = archive.resolve("warc");
    Files.createDirectories(dir);
    Path file = dir.resolve("embedwatch-x.warc.gz");
    byte[] member = Arrays.copyOf(oneWholeFile(), 30);
    Files.write(file, member);
    Files.createFile(marker(file));

    assertThat(CrashDebris.clean(archive)).containsExactly(file
        + ": removed, it held only a truncated record (30 bytes) left by a crash");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void aFileDamagedInsideIsNotCutButReported() throws IOException {
    Path file = crashedWarc(2);
    try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
      c.truncate(wholeSize);
    }
    byte[] bytes = Files.readAllBytes(file);
    bytes[40] ^= 0x55; // inside the first record's compressed data
    Files.write(file, bytes);

    List<String> said = CrashDebris.clean(archive);

    assertThat(said).singleElement().asString().startsWith(file + ": damaged at offset 0 (")
        .contains("left as it is").contains("WarcTool validate");
    assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
  }

  @Test
  void aFileAnotherLiveProcessIsWritingIsLeftAloneUntilItDies() throws Exception {
    Path file = crashedWarc(3);
    long size = Files.size(file);
    Process writer = LockHolder.hold(file);
    try {
      assertThat(CrashDebris.clean(archive)).isEmpty();
      assertThat(Files.size(file)).isEqualTo(size);
      assertThat(marker(file)).exists();
    } finally {
      writer.destroyForcibly();
      assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    assertThat(CrashDebris.clean(archive)).singleElement().asString().contains("cut a truncated last record");
    assertThat(Files.size(file)).isEqualTo(wholeSize);
  }

  @Test
  void aFileThisProcessIsWritingIsLeftAloneAndStaysLocked() throws Exception {
    WarcArchive warc = new WarcArchive(archive.resolve("warc"), 1L << 30, Map.of("software", "test"), CLOCK);
    WarcLocation first = warc.write(WarcArchiveDiskFullTest.exchange(1, 1000));
    Path file = archive.resolve("warc").resolve(first.file());
    long size = Files.size(file);

    assertThat(CrashDebris.clean(archive)).isEmpty();
    assertThat(Files.size(file)).isEqualTo(size);
    assertThat(marker(file)).exists();
    // The check opened no second channel to the file, which would have released this process's lock on it.
    assertThat(LockHolder.probe(file)).isEqualTo("held");
    warc.write(WarcArchiveDiskFullTest.exchange(2, 1000));
    warc.close();
    assertThat(LockHolder.probe(file)).isEqualTo("free");
    assertThat(records(file)).isEqualTo(1 + 2 * 2);
    assertThat(marker(file)).doesNotExist();
  }

  @Test
  void temporaryDirectoriesOfDeadProcessesAreRemovedThoseOfLiveOnesKept() throws IOException {
    Path tmp = archive.resolve("tmp");
    TempSpace live = new TempSpace(tmp);
    Path liveFile = live.newFile("incoming-", ".part");
    Files.write(liveFile, new byte[100]);
    Path dead = Files.createDirectories(tmp.resolve("dead-one"));
    Files.write(dead.resolve("incoming-1.part"), new byte[2048]);
    Files.createFile(tmp.resolve("dead-one" + TempSpace.LOCK));
    Path lockless = Files.createDirectories(tmp.resolve("no-lock"));
    Files.write(lockless.resolve("x.tmp"), new byte[10]);
    Path oldLegacy = Files.write(tmp.resolve("incoming-7.part"), new byte[1000]);
    Files.setLastModifiedTime(oldLegacy, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
    Path newLegacy = Files.write(tmp.resolve("incoming-8.part"), new byte[1000]);

    List<String> said = CrashDebris.clean(archive);

    assertThat(said).containsExactly(tmp + ": removed 3 temporary directories and files (3.0 KB) left by a crash");
    assertThat(dead).doesNotExist();
    assertThat(tmp.resolve("dead-one" + TempSpace.LOCK)).doesNotExist();
    assertThat(lockless).doesNotExist();
    assertThat(oldLegacy).doesNotExist();
    assertThat(newLegacy).exists();
    assertThat(liveFile).exists();
    live.close();
    assertThat(liveFile.getParent()).doesNotExist();
  }

  @Test
  void aTemporaryDirectoryOfAnotherLiveProcessIsKept() throws Exception {
    Path tmp = Files.createDirectories(archive.resolve("tmp"));
    Path other = Files.createDirectories(tmp.resolve("other"));
    Files.write(other.resolve("incoming-1.part"), new byte[10]);
    Path lock = Files.createFile(tmp.resolve("other" + TempSpace.LOCK));
    Process owner = LockHolder.hold(lock);
    try {
      assertThat(CrashDebris.clean(archive)).isEmpty();
      assertThat(other.resolve("incoming-1.part")).exists();
    } finally {
      owner.destroyForcibly();
      assertThat(owner.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(CrashDebris.clean(archive)).hasSize(1);
    assertThat(other).doesNotExist();
  }

  private long wholeSize;
  private long cutBytes;

  /**
   * A WARC file of {@code exchanges} whole exchanges, marked open, then half of one more record: what kill -9 in the
   * middle of a write leaves. Sets {@link #wholeSize} and {@link #cutBytes}.
   */
  private Path crashedWarc(int exchanges) throws IOException {
    Path written = Files.createTempDirectory(staging, "crashed");
    WarcArchive warc = new WarcArchive(written, 1L << 30, Map.of("software", "test"), CLOCK);
    WarcLocation last = null;
    for (int i = 0; i <= exchanges; i++) {
      last = warc.write(WarcArchiveDiskFullTest.exchange(i, 5000));
    }
    warc.close();
    byte[] all = Files.readAllBytes(written.resolve(last.file()));
    // The last exchange's request record starts where the one before ended; keep it whole and half of its response.
    long responseAt = last.offset();
    int half = (int) (responseAt + (all.length - responseAt) / 2);
    Path dir = Files.createDirectories(archive.resolve("warc"));
    Path file = dir.resolve(last.file());
    wholeSize = responseAt;
    cutBytes = half - responseAt;
    Files.write(file, Arrays.copyOf(all, half));
    Files.createFile(marker(file));
    return file;
  }

  private byte[] oneWholeFile() throws IOException {
    Path written = Files.createTempDirectory(staging, "one");
    WarcArchive warc = new WarcArchive(written, 1L << 30, Map.of("software", "test"), CLOCK);
    WarcLocation at = warc.write(WarcArchiveDiskFullTest.exchange(0, 10));
    warc.close();
    return Files.readAllBytes(written.resolve(at.file()));
  }

  private static Path marker(Path file) {
    return file.resolveSibling(file.getFileName() + WarcFile.MARKER);
  }

  private static int records(Path file) throws IOException {
    int n = 0;
    try (WarcReader reader = new WarcReader(file)) {
      for (WarcRecord record : reader) {
        record.body().consume();
        n++;
      }
    }
    return n;
  }
}
