package org.embedwatch.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.embedwatch.evidence.Sha256;
import org.junit.jupiter.api.Test;

class RateLimitHeadersTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final Duration FALLBACK = Duration.ofMinutes(15);

  private static Fetch.Response response(int status, Map<String, String> headers) {
    return new Fetch.Response(URI.create("https://h.example/"), URI.create("https://h.example/"), NOW, status,
        List.copyOf(headers.entrySet()), new byte[0], false, Sha256.of(new byte[0]), null);
  }

  @Test
  void retryAfterInSecondsParksA429ThatLong() {
    assertThat(RateLimitHeaders.parkUntil(response(429, Map.of("Retry-After", "120")), NOW, FALLBACK))
        .contains(NOW.plusSeconds(120));
  }

  @Test
  void retryAfterAsAnHttpDateParksA429UntilThatDate() {
    assertThat(RateLimitHeaders.parkUntil(response(429, Map.of("retry-after", "Sun, 01 Mar 2026 10:05:00 GMT")),
        NOW, FALLBACK)).contains(Instant.parse("2026-03-01T10:05:00Z"));
  }

  @Test
  void xRateLimitResetParksA429UntilTheResetInEpochSeconds() {
    long reset = NOW.plusSeconds(900).getEpochSecond();
    assertThat(RateLimitHeaders.parkUntil(response(429,
        Map.of("x-rate-limit-remaining", "0", "x-rate-limit-reset", Long.toString(reset))), NOW, FALLBACK))
        .contains(Instant.ofEpochSecond(reset));
  }

  @Test
  void a429ThatSaysNothingParksForTheFallback() {
    assertThat(RateLimitHeaders.parkUntil(response(429, Map.of("Retry-After", "soon")), NOW, FALLBACK))
        .contains(NOW.plus(FALLBACK));
  }

  @Test
  void aServedAnswerWithItsQuotaSpentParksUntilTheResetButOneWithQuotaLeftDoesNot() {
    String reset = Long.toString(NOW.plusSeconds(60).getEpochSecond());
    assertThat(RateLimitHeaders.parkUntil(response(200,
        Map.of("x-rate-limit-remaining", "0", "x-rate-limit-reset", reset)), NOW, FALLBACK))
        .contains(NOW.plusSeconds(60));
    assertThat(RateLimitHeaders.parkUntil(response(200,
        Map.of("x-rate-limit-remaining", "7", "x-rate-limit-reset", reset)), NOW, FALLBACK)).isEmpty();
    assertThat(RateLimitHeaders.parkUntil(response(503, Map.of("Retry-After", "5")), NOW, FALLBACK)).isEmpty();
  }

  @Test
  void aRetryAfterBeyondWhatAnInstantHoldsReadsAsFarAheadNotAsAnError() {
    assertThat(RateLimitHeaders.retryAfter(response(429, Map.of("Retry-After", "31556889864403200")), NOW))
        .contains(Instant.MAX);
    assertThat(RateLimitHeaders.retryAfter(response(429, Map.of("Retry-After", "99999999999999999999999")), NOW))
        .contains(Instant.MAX);
    assertThat(RateLimitHeaders.retryAfter(response(503, Map.of("Retry-After", "999999999999")), NOW))
        .contains(NOW.plusSeconds(999_999_999_999L));
    assertThat(RateLimitHeaders.parkUntil(response(429, Map.of("x-rate-limit-reset", "31556889864403200")), NOW,
        FALLBACK)).contains(Instant.MAX);
    assertThat(RateLimitHeaders.parkUntil(response(429, Map.of("x-rate-limit-reset", "-5")), NOW, FALLBACK))
        .as("not a time at all: the fallback").contains(NOW.plus(FALLBACK));
  }
}
