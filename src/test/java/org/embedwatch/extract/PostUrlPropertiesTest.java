package org.embedwatch.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.embedwatch.evidence.Platform;

/**
 * Properties of the post URL parsers: they never throw, and an id always comes back as exactly the decimal digits of the
 * URL, for every id a 64-bit platform id can be (and for 19-digit ids beyond a long), every handle and every URL form.
 */
class PostUrlPropertiesTest {

  /** Path sections of x.com that look like handles; a status URL under them names no post. */
  private static final Set<String> X_SECTIONS =
      Set.of(
          "i", "intent", "share", "search", "hashtag", "home", "explore", "settings", "messages", "notifications",
          "login", "signup", "compose", "widgets", "account");

  /** The forms of an X status URL, with {@code %1$s} the handle and {@code %2$s} the id. */
  enum XForm {
    TWITTER("https://twitter.com/%1$s/status/%2$s", true),
    WWW("http://www.twitter.com/%1$s/status/%2$s", true),
    X("https://x.com/%1$s/status/%2$s", true),
    MOBILE("https://mobile.twitter.com/%1$s/status/%2$s", true),
    SCHEMELESS("twitter.com/%1$s/status/%2$s", true),
    PROTOCOL_RELATIVE("//x.com/%1$s/status/%2$s", true),
    STATUSES("https://twitter.com/%1$s/statuses/%2$s", true),
    HASHBANG("https://twitter.com/#!/%1$s/status/%2$s", true),
    WEB("https://twitter.com/i/web/status/%2$s", false),
    I_STATUS("https://x.com/i/status/%2$s", false),
    BARE_STATUSES("https://twitter.com/statuses/%2$s", false);

    private final String template;
    private final boolean keepsHandle;

    XForm(String template, boolean keepsHandle) {
      this.template = template;
      this.keepsHandle = keepsHandle;
    }
  }

  @Property
  void statusUrlParsingNeverThrowsOnAnyString(@ForAll String any) {
    Optional<StatusUrls.XStatus> status = StatusUrls.parse(any);
    status.ifPresent(s -> assertThat(s.id()).containsOnlyDigits());
  }

  @Property
  void statusUrlParsingNeverThrowsOnUrlShapedNoise(@ForAll("urlShapedNoise") String noise) {
    Optional<StatusUrls.XStatus> status = StatusUrls.parse(noise);
    status.ifPresent(s -> assertThat(StatusUrls.parse(s.canonicalUrl())).contains(s));
  }

  @Property(tries = 30)
  void statusUrlParsingNeverThrowsOnVeryLongStrings(@ForAll("veryLong") String veryLong) {
    Optional<StatusUrls.XStatus> status = StatusUrls.parse(veryLong);
    status.ifPresent(s -> assertThat(s.id()).containsOnlyDigits());
  }

  @Property
  void everyPositiveLongIdComesBackAsItsDecimalDigits(
      @ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long id,
      @ForAll("handles") String handle,
      @ForAll XForm form,
      @ForAll("suffixes") String suffix) {
    assertParsedExactly(Long.toString(id), handle, form, suffix);
  }

  @Property
  void everyNineteenDigitIdComesBackAsItsDecimalDigits(
      @ForAll("nineteenDigits") String id,
      @ForAll("handles") String handle,
      @ForAll XForm form,
      @ForAll("suffixes") String suffix) {
    assertParsedExactly(id, handle, form, suffix);
  }

  private static void assertParsedExactly(String id, String handle, XForm form, String suffix) {
    String url = String.format(form.template, handle, id) + suffix;
    StatusUrls.XStatus status = StatusUrls.parse(url).orElseThrow(() -> new AssertionError("not parsed: " + url));
    assertThat(status.id()).isEqualTo(id);
    assertThat(status.handle()).isEqualTo(form.keepsHandle ? handle : null);
  }

  /** The other platforms whose ids are 64-bit numbers, with {@code %1$s} the handle and {@code %2$s} the id. */
  enum OtherForm {
    TIKTOK("https://www.tiktok.com/@%1$s/video/%2$s", Platform.TIKTOK),
    TIKTOK_PLAYER("https://www.tiktok.com/embed/v2/%2$s", Platform.TIKTOK),
    MASTODON("https://mastodon.social/@%1$s/%2$s", Platform.MASTODON),
    MASTODON_STATUSES("https://chaos.social/users/%1$s/statuses/%2$s", Platform.MASTODON),
    FACEBOOK_POST("https://www.facebook.com/%1$s/posts/%2$s", Platform.FACEBOOK),
    FACEBOOK_VIDEO("https://m.facebook.com/%1$s/videos/%2$s/", Platform.FACEBOOK),
    FACEBOOK_WATCH("https://www.facebook.com/watch/?v=%2$s", Platform.FACEBOOK);

    private final String template;
    private final Platform platform;

    OtherForm(String template, Platform platform) {
      this.template = template;
      this.platform = platform;
    }
  }

  @Property
  void otherPlatformsKeepEveryLongIdAsItsDecimalDigits(
      @ForAll("bigIds") String id, @ForAll("handles") String handle, @ForAll OtherForm form) {
    String url = String.format(form.template, handle, id);
    OtherPlatformUrls.Post post =
        new OtherPlatformUrls().parse(url).orElseThrow(() -> new AssertionError("not parsed: " + url));
    assertThat(post.platform()).isEqualTo(form.platform);
    assertThat(post.id()).isEqualTo(id);
  }

  @Property
  void otherPlatformParsingNeverThrowsOnAnyString(@ForAll String any) {
    new OtherPlatformUrls().parse(any).ifPresent(post -> assertThat(post.id()).isNotBlank());
  }

  @Property
  void otherPlatformParsingNeverThrowsOnUrlShapedNoise(@ForAll("urlShapedNoise") String noise) {
    new OtherPlatformUrls().parse(noise).ifPresent(post -> assertThat(post.url()).startsWith("https://"));
  }

  @Provide
  Arbitrary<String> handles() {
    return Arbitraries.strings()
        .withCharRange('a', 'z')
        .withCharRange('A', 'Z')
        .withCharRange('0', '9')
        .withChars('_')
        .ofMinLength(1)
        .ofMaxLength(15)
        .filter(h -> !X_SECTIONS.contains(h.toLowerCase(java.util.Locale.ROOT)));
  }

  @Provide
  Arbitrary<String> suffixes() {
    return Arbitraries.of(
        "", "/", "?s=20", "?s=20&t=AbC-dEf_12", "/photo/1", "/video/1", "/photo/1?ref_src=twsrc%5Etfw", "#frag",
        "?ref_src=twsrc%5Etfw%7Ctwcamp%5Etweetembed");
  }

  @Provide
  Arbitrary<String> nineteenDigits() {
    return Arbitraries.bigIntegers()
        .between(BigInteger.TEN.pow(18), BigInteger.TEN.pow(19).subtract(BigInteger.ONE))
        .map(BigInteger::toString);
  }

  /** Ids from 6 digits (the shortest the Mastodon rule takes) up to 19 digits, beyond a long included. */
  @Provide
  Arbitrary<String> bigIds() {
    return Arbitraries.bigIntegers()
        .between(BigInteger.valueOf(100_000), BigInteger.TEN.pow(19).subtract(BigInteger.ONE))
        .map(BigInteger::toString);
  }

  @Provide
  Arbitrary<String> urlShapedNoise() {
    Arbitrary<String> prefix =
        Arbitraries.of(
            "", "https://twitter.com/", "x.com/", "https://mobile.twitter.com/#!/", "//", "https://",
            "https://www.facebook.com/", "https://t.me/", "https://www.reddit.com/r/", "https://bsky.app/profile/",
            "at://did:plc:", "https://chaos.social/@");
    Arbitrary<String> body =
        Arbitraries.strings().withChars("abcXYZ019/_?#!&=%@.:+-~ \t\u2014\u0660\ud83d\ude2c\u0000\ud800").ofMaxLength(80);
    return Combinators.combine(prefix, body).as(String::concat);
  }

  @Provide
  Arbitrary<String> veryLong() {
    Arbitrary<String> unit = Arbitraries.of("a/", "/status/", "1234567890", "#!/", "?", "\u00e9\u4e2d", "%", "@", " ");
    return Combinators.combine(
            Arbitraries.of("https://twitter.com/", "x.com/", ""),
            unit.list().ofMinSize(1).ofMaxSize(8).map(parts -> String.join("", parts)),
            Arbitraries.integers().between(2_000, 40_000))
        .as((prefix, pattern, times) -> prefix + pattern.repeat(times));
  }
}
