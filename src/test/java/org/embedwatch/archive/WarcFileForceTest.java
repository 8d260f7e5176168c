package org.embedwatch.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Once a force of a WARC file has failed, no later force of it reports success: a second fsync after a failed one
 * may succeed on Linux although the pages the first one could not write are lost, and a caller that waited for the
 * file during the failed force would then let a database commit point at records that are not on the disk.
 */
class WarcFileForceTest {
  @TempDir Path dir;

  @Test
  void aForceAfterAFailedOneFailsTooEvenWhenTheDiskWouldSaySuccess() throws IOException {
    WarcFile file = WarcFile.create(dir, "x.warc.gz", FullDiskChannel.forceFailsOnce());

    assertThatThrownBy(() -> file.force(1)).isInstanceOf(IOException.class).hasMessage("Input/output error");
    assertThatThrownBy(() -> file.force(1)).isInstanceOf(IOException.class)
        .hasMessageContaining("not forced to the disk: an earlier force of " + dir.resolve("x.warc.gz") + " failed");
    file.drop();
  }

  @Test
  void aFileDroppedUnforcedIsNeverReportedForced() throws IOException {
    WarcFile file = WarcFile.create(dir, "y.warc.gz", FullDiskChannel.opener(Long.MAX_VALUE));
    file.drop();

    assertThatThrownBy(() -> file.force(1)).isInstanceOf(IOException.class)
        .hasMessageContaining("was dropped after a failed write or force");
  }

  @Test
  void aFileClosedWholeCountsAsForced() throws IOException {
    WarcFile file = WarcFile.create(dir, "z.warc.gz", FullDiskChannel.opener(Long.MAX_VALUE));
    file.close();

    file.force(Long.MAX_VALUE - 1);
    assertThat(dir.resolve("z.warc.gz.open")).doesNotExist();
  }
}
