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
}
