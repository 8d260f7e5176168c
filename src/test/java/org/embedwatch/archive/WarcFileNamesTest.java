package org.embedwatch.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.embedwatch.evidence.WarcLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.WarcReader;

/**
 * Workers sharing one archive directory (on one machine or several, through a shared file system) each write only
 * their own WARC files: a name holds the machine's name and a random part, a file is only ever created new, and a
 * stored location is the file's name in the archive's {@code warc/} directory, valid wherever the archive is mounted.
 */
class WarcFileNamesTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);

  @TempDir Path work;

  @Test
  void twoWorkersInOneSecondWriteTwoFilesNamedForTheirMachine() throws IOException {
    Path dir = work.resolve("warc");
    WarcLocation a;
    WarcLocation b;
    try (WarcArchive first = new WarcArchive(dir, 1L << 30, Map.of(), CLOCK);
        WarcArchive second = new WarcArchive(dir, 1L << 30, Map.of(), CLOCK)) {
      a = first.write(WarcArchiveDiskFullTest.exchange(1, 100));
      b = second.write(WarcArchiveDiskFullTest.exchange(2, 100));
    }
    assertThat(a.file()).isNotEqualTo(b.file()).doesNotContain("/")
        .matches("embedwatch-20261207120000-00001-[A-Za-z0-9-]+-[0-9a-f]{8}\\.warc\\.gz");
    assertThat(b.file()).doesNotContain("/");
    String machine = WarcArchive.machineName(Files.readString(Path.of("/proc/sys/kernel/hostname")).trim());
    assertThat(a.file()).contains("-" + machine + "-");
    // A reader with the archive mounted elsewhere finds each record by the stored name in its own warc/ directory.
    Path moved = Files.move(work.resolve("warc"), work.resolve("elsewhere"));
    for (WarcLocation loc : List.of(a, b)) {
      try (WarcReader reader = new WarcReader(moved.resolve(loc.file()))) {
        reader.position(loc.offset());
        assertThat(reader.next()).hasValueSatisfying(r -> assertThat(r.id()).isEqualTo(loc.recordId()));
      }
    }
  }

  @Test
  void aNameAnotherWorkerTookMeanwhileIsLeftAloneAndTheNextNameIsUsed() throws IOException {
    Path dir = work.resolve("warc");
    List<Path> tried = new ArrayList<>();
    WarcArchive.Opener otherWorkerFirst = file -> {
      tried.add(file);
      if (tried.size() == 1) {
        Files.writeString(file, "another worker's file"); // made between our check and our create
      }
      return FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    };
    WarcLocation loc;
    try (WarcArchive warc = new WarcArchive(dir, 1L << 30, Map.of(), CLOCK, otherWorkerFirst)) {
      loc = warc.write(WarcArchiveDiskFullTest.exchange(1, 100));
    }
    assertThat(tried).hasSize(2);
    assertThat(Files.readString(tried.get(0))).isEqualTo("another worker's file");
    assertThat(loc.file()).isEqualTo(tried.get(1).getFileName().toString()).contains("-00002-");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
          tried.get(0).getFileName().toString(), loc.file());
    }
  }

  @Test
  void aMachineNameIsCutToOneSafeLabel() {
    assertThat(WarcArchive.machineName("worker-3.dc1.example.org")).isEqualTo("worker-3");
    assertThat(WarcArchive.machineName("we_ird name")).isEqualTo("we-ird-name");
    assertThat(WarcArchive.machineName("")).isEqualTo("localhost");
    assertThat(WarcArchive.machineName("x".repeat(80))).hasSize(63);
  }
}
