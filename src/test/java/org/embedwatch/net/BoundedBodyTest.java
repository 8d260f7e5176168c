package org.embedwatch.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BoundedBodyTest {
  private final AtomicLong nanos = new AtomicLong();
  private final TransferLimits.Watch watch = new TransferLimits(Duration.ofSeconds(60), 0, Duration.ofSeconds(10),
      nanos::get, null).watch(() -> true, Duration.ofSeconds(60));

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 31);
    }
    return b;
  }

  @Test
  void theLargestLimitDoesNotOverflowIntoAnEmptyBody() throws IOException {
    byte[] sent = bytes(200_000);

    BoundedBody body = BoundedBody.read(new ByteArrayInputStream(sent), Long.MAX_VALUE, watch);

    assertThat(body.bytes()).isEqualTo(sent);
    assertThat(body.truncated()).isFalse();
  }

  @Test
  void aBodyOfExactlyTheLimitIsWholeAndOneByteMoreIsTruncatedAtTheLimit() throws IOException {
    byte[] sent = bytes(70_000);

    BoundedBody exact = BoundedBody.read(new ByteArrayInputStream(sent), 70_000, watch);
    BoundedBody over = BoundedBody.read(new ByteArrayInputStream(sent), 69_999, watch);

    assertThat(exact.bytes()).isEqualTo(sent);
    assertThat(exact.truncated()).isFalse();
    assertThat(over.bytes()).hasSize(69_999).isEqualTo(java.util.Arrays.copyOf(sent, 69_999));
    assertThat(over.truncated()).isTrue();
  }

  @Test
  void anEmptyBodyIsEmptyAndNotTruncated() throws IOException {
    BoundedBody body = BoundedBody.read(new ByteArrayInputStream(new byte[0]), 10, watch);

    assertThat(body.bytes()).isEmpty();
    assertThat(body.truncated()).isFalse();
  }

  @Test
  void aBodyLongerThanWhatIsHeldGoesWholeToATemporaryFileWithItsDigest() throws IOException {
    byte[] sent = bytes(150_000);

    BoundedBody body = BoundedBody.read(new ByteArrayInputStream(sent), 1_000, 1_000_000, watch);

    try {
      assertThat(body.spilled()).isTrue();
      assertThat(body.bytes()).isEmpty();
      assertThat(body.truncated()).isFalse();
      assertThat(body.length()).isEqualTo(150_000);
      assertThat(java.nio.file.Files.readAllBytes(body.file())).isEqualTo(sent);
      assertThat(body.sha256()).isEqualTo(org.embedwatch.evidence.Sha256.of(sent));
    } finally {
      java.nio.file.Files.deleteIfExists(body.file());
    }
  }

  @Test
  void aSpilledBodyIsStillCutAtTheLimit() throws IOException {
    byte[] sent = bytes(300_000);

    BoundedBody body = BoundedBody.read(new ByteArrayInputStream(sent), 1_000, 200_000, watch);

    try {
      assertThat(body.truncated()).isTrue();
      assertThat(body.length()).isEqualTo(200_000);
      assertThat(java.nio.file.Files.readAllBytes(body.file())).isEqualTo(java.util.Arrays.copyOf(sent, 200_000));
    } finally {
      java.nio.file.Files.deleteIfExists(body.file());
    }
  }
}
