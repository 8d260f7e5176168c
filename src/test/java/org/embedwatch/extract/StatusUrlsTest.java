package org.embedwatch.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StatusUrlsTest {

  @ParameterizedTest
  @CsvSource({
    "https://twitter.com/jack/status/20, jack, 20",
    "http://www.twitter.com/jack/status/20, jack, 20",
    "https://mobile.twitter.com/jack/status/20, jack, 20",
    "https://x.com/jack/status/20, jack, 20",
    "HTTPS://X.COM/jack/status/20, jack, 20",
    "twitter.com/jack/status/20, jack, 20",
    "//twitter.com/jack/status/20, jack, 20",
    "https://twitter.com/jack/statuses/20, jack, 20",
    "https://twitter.com/#!/jack/status/20, jack, 20",
    "https://twitter.com/jack/status/20/photo/1, jack, 20",
    "https://twitter.com/jack/status/20/video/1, jack, 20",
    "https://twitter.com/jack/status/20?s=20&t=abc, jack, 20",
    "https://twitter.com/jack/status/20#fragment, jack, 20",
    "https://twitter.com/jack/status/20/, jack, 20",
  })
  void parsesEveryStatusUrlForm(String url, String handle, String id) {
    assertThat(StatusUrls.parse(url)).contains(new StatusUrls.XStatus(handle, id));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://twitter.com/i/web/status/1117736685721223168",
        "https://x.com/i/status/1117736685721223168",
        "https://twitter.com/statuses/1117736685721223168"
      })
  void handleLessFormsHaveNoHandle(String url) {
    StatusUrls.XStatus status = StatusUrls.parse(url).orElseThrow();
    assertThat(status.handle()).isNull();
    assertThat(status.id()).isEqualTo("1117736685721223168");
    assertThat(status.canonicalUrl()).isEqualTo("https://twitter.com/i/web/status/1117736685721223168");
  }

  @Test
  void canonicalUrlUsesTwitterDotCom() {
    assertThat(StatusUrls.parse("https://x.com/MattNavarra/status/1654247902070415360?s=20").orElseThrow().canonicalUrl())
        .isEqualTo("https://twitter.com/MattNavarra/status/1654247902070415360");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "9223372036854775807", // 2^63 - 1
        "9223372036854775808", // 2^63: overflows a long
        "9999999999999999999",
        "18446744073709551616", // 2^64, 20 digits
        "1654247902070415361", // not representable as a double
        "00000000000000000042"
      })
  void idsKeepTheirDigitsExactly(String id) {
    StatusUrls.XStatus status = StatusUrls.parse("https://twitter.com/a_b/status/" + id).orElseThrow();
    assertThat(status.id()).isEqualTo(id);
    assertThat(StatusUrls.parse(status.canonicalUrl())).contains(status);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://twitter.com/intent/tweet?url=https://twitter.com/jack/status/20",
        "https://twitter.com/share?url=https%3A%2F%2Fexample.org",
        "https://twitter.com/intent/status/20",
        "https://twitter.com/jack",
        "https://twitter.com/jack/",
        "https://twitter.com/hashtag/Stansted?src=hash",
        "https://twitter.com/search?q=%23Stansted",
        "https://pic.twitter.com/Q8FFsT2ITu",
        "pic.twitter.com/Q8FFsT2ITu",
        "https://t.co/xdcgcjohW4",
        "https://twitter.com/jack/status/",
        "https://twitter.com/jack/status/12ab",
        "https://twitter.com/jack/status/123456789012345678901",
        "https://example.com/jack/status/20",
        "https://nottwitter.com/jack/status/20",
        "https://twitter.com.evil.org/jack/status/20",
        "https://twitter.com/jack/likes/20",
        ""
      })
  void rejectsWhatIsNotAStatusUrl(String url) {
    assertThat(StatusUrls.parse(url)).isEmpty();
  }

  @Test
  void aStatusUrlLongerThanAnyRealLinkIsNotParsed() {
    String query = "?q=" + "x".repeat(3_900);
    assertThat(StatusUrls.parse("https://twitter.com/jack/status/20" + query)).isPresent();
    assertThat(StatusUrls.parse("https://twitter.com/jack/status/20" + query + "x".repeat(100))).isEmpty();
  }

  @Test
  void nullIsNotAStatusUrl() {
    assertThat(StatusUrls.parse(null)).isEmpty();
  }

  @Test
  void neverThrowsOnOddStrings() {
    List<String> odd =
        new ArrayList<>(
            List.of(
                "://", "https://", "http:/twitter.com", "twitter.com", "twitter.com/", "/status/1", "#!/", "?", "#",
                "https://twitter.com#!/a/status/1x", "https://twitter.com:99999/a/status/1", "\u0000\uffff\ud800",
                "https://twitter.com/" + "a/".repeat(10_000) + "status/1", "%%%", " https://x.com/a/status/5 "));
    Random random = new Random(42);
    String alphabet = "htps:/.#!?&=%@xXtwier.com0123456789_ \u2014\ud83d\ude2c";
    for (int i = 0; i < 5_000; i++) {
      StringBuilder s = new StringBuilder(random.nextBoolean() ? "https://twitter.com/" : "");
      int length = random.nextInt(40);
      for (int j = 0; j < length; j++) {
        s.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      odd.add(s.toString());
    }
    for (String s : odd) {
      StatusUrls.parse(s).ifPresent(status -> assertThat(status.id()).containsOnlyDigits());
    }
  }

  @Test
  void statusRecordRejectsAnInvalidId() {
    assertThatThrownBy(() -> new StatusUrls.XStatus("jack", "12.5"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'12.5'");
  }
}
