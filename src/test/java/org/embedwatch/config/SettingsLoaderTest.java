package org.embedwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {
  @TempDir Path work;

  @Test
  void builtInDefaultsApplyWithoutAFile() {
    Settings s = new SettingsLoader(work).load(Optional.empty(), List.of());

    assertThat(s.archiveDir()).isEqualTo(work.resolve("archive"));
    assertThat(s.store().url()).startsWith("jdbc:h2:file:" + work.resolve("archive").resolve("embedwatch"));
    assertThat(s.schedule().postCadence()).startsWith(Duration.ofHours(1), Duration.ofHours(6), Duration.ofHours(24));
    assertThat(s.read().maxBytes()).isEqualTo(52_428_800L);
    assertThat(s.xV1()).isEmpty();
    assertThat(s.xV2()).isEmpty();
    assertThat(s.source()).isEqualTo("built-in defaults");
  }

  @Test
  void anArchiveDirThatWouldAddSettingsToTheDatabaseUrlIsRefusedNamingIt() {
    // review-reliability L3: ";INIT=" ran SQL when the database opened.
    String dir = "inj;INIT=CREATE SCHEMA IF NOT EXISTS PWNED --";

    assertThatThrownBy(() -> new SettingsLoader(work).load(Optional.empty(), List.of("archive.dir=" + dir)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("archive.dir=" + dir + " in built-in defaults contains ';'")
        .hasMessageContaining("choose a directory whose path has no ';'")
        .hasMessageNotContaining("\n");
    assertThatThrownBy(() -> SettingsLoader.defaultDatabaseUrl(work.resolve("a;b"))).isInstanceOf(ConfigException.class);
    assertThat(SettingsLoader.defaultDatabaseUrl(work.resolve("plain dir"))).isEqualTo("jdbc:h2:file:"
        + work.resolve("plain dir").resolve("embedwatch") + ";AUTO_SERVER=TRUE;QUERY_CACHE_SIZE=64;WRITE_DELAY=0");
    assertThat(work.resolve("inj.mv.db")).doesNotExist();
  }

  @Test
  void theStoreAndReferenceLimitsHaveDefaultsAndAreChecked() {
    Settings s = new SettingsLoader(work).load(Optional.empty(), List.of());
    assertThat(s.media().maxPerPost()).isEqualTo(20);
    assertThat(s.read().maxReferences()).isEqualTo(1000);
    assertThatThrownBy(() -> new SettingsLoader(work).load(Optional.empty(), List.of("extract.max-references=0")))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("extract.max-references=0");
  }

  @Test
  void theDefaultFileInTheWorkingDirectoryIsReadAndSetOverridesIt() throws IOException {
    Files.createDirectories(work.resolve("config"));
    Files.writeString(work.resolve("config/embedwatch.properties"),
        "check.concurrency=3\nnet.route.cdn.syndication.twimg.com=http://127.0.0.1:9/cdn/\n");

    Settings s = new SettingsLoader(work).load(Optional.empty(), List.of("check.concurrency=5"));

    assertThat(s.check().concurrency()).isEqualTo(5);
    assertThat(s.net().routes()).containsEntry("cdn.syndication.twimg.com", URI.create("http://127.0.0.1:9/cdn"));
    assertThat(s.source()).endsWith("embedwatch.properties");
  }

  @Test
  void anOldCheckIntervalIsIgnoredNotAnError() {
    Settings s = new SettingsLoader(work).load(Optional.empty(), List.of("check.interval=6 hours"));

    assertThat(s.schedule().postThen()).isEqualTo(Duration.ofDays(91));
  }

  @Test
  void unknownKeysAndBadValuesAreNamed() {
    SettingsLoader loader = new SettingsLoader(work);

    assertThatThrownBy(() -> loader.load(Optional.empty(), List.of("check.intervall=PT1H")))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("unknown configuration key 'check.intervall'");
    assertThatThrownBy(() -> loader.load(Optional.empty(), List.of("check.confirm-span=6 hours")))
        .hasMessageContaining("check.confirm-span=6 hours").hasMessageContaining("ISO-8601 duration");
    assertThatThrownBy(() -> loader.load(Optional.empty(), List.of("net.route.x.com=ftp://mirror")))
        .hasMessageContaining("not an http(s) base URL");
    assertThatThrownBy(() -> loader.load(Optional.empty(), List.of("read.max-bytes=0")))
        .hasMessageContaining("read.max-bytes=0").hasMessageContaining("must be a positive number of bytes");
    // Without a key in front, it may be a secret given alone: not quoted (L9).
    assertThatThrownBy(() -> loader.load(Optional.empty(), List.of("novalue")))
        .hasMessage("bad --set '[redacted]': write it as key=value");
    assertThatThrownBy(() -> loader.load(Optional.empty(), List.of("archive.dir")))
        .hasMessage("bad --set 'archive.dir': write it as key=value");
    assertThatThrownBy(() -> loader.load(Optional.empty(), List.of("x.v1.consumer-key=abc")))
        .hasMessageContaining("incomplete X v1.1 credentials");
    assertThatThrownBy(() -> loader.load(Optional.of(work.resolve("nope.properties")), List.of()))
        .hasMessageContaining("nope.properties does not exist");
  }

  @Test
  void aV2BearerTokenIsKeptButNeverShownAndOneWithSpacesIsRefusedWithoutQuotingIt() {
    SettingsLoader loader = new SettingsLoader(work);

    Settings s = loader.load(Optional.empty(), List.of("x.v2.bearer-token=AAAA%2Fsecret%3D"));

    assertThat(s.xV2()).hasValueSatisfying(t -> assertThat(t.value()).isEqualTo("AAAA%2Fsecret%3D"));
    assertThat(s.toString()).doesNotContain("secret").contains("BearerToken[redacted]");
    assertThat(loader.load(Optional.empty(), List.of("x.v2.bearer-token=  ")).xV2()).isEmpty();
    assertThatThrownBy(() -> loader.load(Optional.empty(), List.of("x.v2.bearer-token=Bearer secret")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("x.v2.bearer-token in built-in defaults contains spaces")
        .message().doesNotContain("secret");
  }

  @Test
  void politenessIsPerHostWithDefaultsAndOffTurnsItOff() {
    Settings.Politeness p = new SettingsLoader(work).load(Optional.empty(), List.of("net.rate.default=30/min",
        "net.rate.CDN.Syndication.Twimg.com=900/h", "net.rate.sandbox.test=off", "net.concurrency.sandbox.test=off",
        "net.concurrency.pbs.twimg.com=4", "net.retries=0")).net().politeness();

    assertThat(p.rate("news.example").interval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(p.rate("cdn.syndication.twimg.com").interval()).isEqualTo(Duration.ofSeconds(4));
    assertThat(p.rate("sandbox.test").isOff()).isTrue();
    assertThat(p.concurrency("sandbox.test")).isZero();
    assertThat(p.concurrency("pbs.twimg.com")).isEqualTo(4);
    assertThat(p.concurrency("news.example")).isEqualTo(2);
    assertThat(p.retries()).isZero();
    assertThat(p.retryBackoff()).isEqualTo(Duration.ofSeconds(1));
    assertThat(p.rateLimitPark()).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void badPolitenessValuesAreNamed() {
    SettingsLoader loader = new SettingsLoader(work);

    assertThatThrownBy(() -> loader.load(Optional.empty(), List.of("net.rate.x.com=fast")))
        .hasMessageContaining("net.rate.x.com=fast").hasMessageContaining("not a rate (write e.g. 1/s");
    assertThatThrownBy(() -> loader.load(Optional.empty(), List.of("net.rate.default=0/s")))
        .hasMessageContaining("not a rate");
    assertThatThrownBy(() -> loader.load(Optional.empty(), List.of("net.concurrency.x.com=0")))
        .hasMessageContaining("not a concurrency limit");
    assertThatThrownBy(() -> loader.load(Optional.empty(), List.of("net.retries=-1")))
        .hasMessageContaining("between 0 and 10");
  }

  @Test
  void theLimitsOnSlowServersAndLongParksHaveDefaultsAndAreValidated() {
    SettingsLoader loader = new SettingsLoader(work);
    Settings.Net net = loader.load(Optional.empty(), List.of()).net();

    assertThat(net.requestDeadline()).isEqualTo(Duration.ofSeconds(60));
    assertThat(net.minBytesPerSecond()).isEqualTo(1024);
    assertThat(net.minRateWindow()).isEqualTo(Duration.ofSeconds(10));
    assertThat(net.politeness().maxPark()).isEqualTo(Duration.ofDays(1));
    assertThat(loader.load(Optional.empty(), List.of("net.min-bytes-per-second=off")).net().minBytesPerSecond())
        .isZero();
    assertThatThrownBy(() -> loader.load(Optional.empty(), List.of("net.min-bytes-per-second=fast")))
        .hasMessageContaining("net.min-bytes-per-second=fast").hasMessageContaining("bytes per second");
    assertThatThrownBy(() -> loader.load(Optional.empty(), List.of("net.request-deadline=PT0S")))
        .hasMessageContaining("net.request-deadline=PT0S").hasMessageContaining("must be positive");
    assertThatThrownBy(() -> loader.load(Optional.empty(), List.of("net.max-park=forever")))
        .hasMessageContaining("net.max-park=forever").hasMessageContaining("ISO-8601 duration");
  }

  @Test
  void aMaxBodySizeBeyondWhatMemoryHoldsIsRefusedNamingTheKeyAndTheMaximum() {
    SettingsLoader loader = new SettingsLoader(work);

    assertThatThrownBy(() -> loader.load(Optional.empty(), List.of("net.max-body-bytes=9223372036854775807")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("net.max-body-bytes=9223372036854775807 in built-in defaults")
        .hasMessageContaining("above the maximum of 1073741824 bytes");
    assertThat(loader.load(Optional.empty(), List.of("net.max-body-bytes=1073741824")).net().maxBodyBytes())
        .isEqualTo(1L << 30);
  }

  @Test
  void credentialsNeverAppearInToString() {
    Settings s = new SettingsLoader(work).load(Optional.empty(), List.of("x.v1.consumer-key=ck-secret",
        "x.v1.consumer-secret=cs-secret", "x.v1.access-token=at-secret", "x.v1.access-token-secret=ats-secret"));

    assertThat(s.xV1()).isPresent();
    assertThat(s.toString()).doesNotContain("secret");
  }

  @Test
  void metaOEmbedTokenIsOptionalAndNeverAppearsInToStringOrErrors() {
    assertThat(new SettingsLoader(work).load(Optional.empty(), List.of()).metaOEmbed()).isEmpty();
    Settings s = new SettingsLoader(work).load(Optional.empty(), List.of("meta.oembed-token=1234|app-secret-x"));

    assertThat(s.metaOEmbed()).hasValueSatisfying(t -> assertThat(t.value()).isEqualTo("1234|app-secret-x"));
    assertThat(s.toString()).doesNotContain("app-secret-x");
    assertThatThrownBy(() -> new SettingsLoader(work).load(Optional.empty(),
        List.of("meta.oembed-token=1234|app secret-y")))
        .hasMessageContaining("meta.oembed-token in built-in defaults is not an access token")
        .hasMessageNotContaining("secret-y");
  }

  @Test
  void aPostgresqlStoreTakesItsUserAndPasswordFromTheirKeys() {
    Settings s = new SettingsLoader(work, Map.of()).load(Optional.empty(), List.of(
        "store.url=jdbc:postgresql://db.example:5432/evidence?sslmode=require", "store.user=embedwatch",
        "store.password=pw-secret"));

    assertThat(s.store().url()).isEqualTo("jdbc:postgresql://db.example:5432/evidence?sslmode=require");
    assertThat(s.store().user()).isEqualTo("embedwatch");
    assertThat(s.store().password()).hasValueSatisfying(p -> assertThat(p.value()).isEqualTo("pw-secret"));
    assertThat(s.toString()).contains("jdbc:postgresql://db.example:5432/evidence").doesNotContain("pw-secret");
  }

  @Test
  void thePasswordMayComeFromTheEnvironmentAndTheKeyWins() {
    Map<String, String> env = Map.of("EMBEDWATCH_STORE_PASSWORD", "env-secret");
    List<String> sets = List.of("store.url=jdbc:postgresql://127.0.0.1:5432/ew", "store.user=ew");

    assertThat(new SettingsLoader(work, env).load(Optional.empty(), sets).store().password())
        .hasValueSatisfying(p -> assertThat(p.value()).isEqualTo("env-secret"));
    List<String> withKey = new java.util.ArrayList<>(sets);
    withKey.add("store.password=key-secret");
    assertThat(new SettingsLoader(work, env).load(Optional.empty(), withKey).store().password())
        .hasValueSatisfying(p -> assertThat(p.value()).isEqualTo("key-secret"));
    assertThat(new SettingsLoader(work, Map.of()).load(Optional.empty(), sets).store().password()).isEmpty();
  }

  @Test
  void aStoreUrlWithAPasswordInItIsRefusedWithoutQuotingIt() {
    SettingsLoader loader = new SettingsLoader(work, Map.of());

    for (String url : List.of("jdbc:postgresql://h:5432/db?user=u&password=pw-secret",
        "jdbc:postgresql://u:pw-secret@h:5432/db", "jdbc:h2:file:/tmp/x;USER=u;PASSWORD=pw-secret")) {
      assertThatThrownBy(() -> loader.load(Optional.empty(), List.of("store.url=" + url)))
          .isInstanceOf(ConfigException.class)
          .hasMessage("store.url in built-in defaults contains a password: give it in store.password or the"
              + " environment variable EMBEDWATCH_STORE_PASSWORD instead, and the user in store.user");
    }
  }

  @Test
  void aBadStoreUrlIsNamedWithWhatToWrite() {
    SettingsLoader loader = new SettingsLoader(work, Map.of());

    assertThatThrownBy(() -> loader.load(Optional.empty(), List.of("store.url=postgres://db/evidence")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("store.url=postgres://db/evidence in built-in defaults is not supported: write"
            + " jdbc:postgresql://host:port/database");
    assertThatThrownBy(() -> loader.load(Optional.empty(), List.of("store.url=jdbc:postgresql:evidence")))
        .hasMessage("store.url=jdbc:postgresql:evidence in built-in defaults is not a PostgreSQL JDBC URL (write it as"
            + " jdbc:postgresql://host:port/database)");
    assertThat(loader.load(Optional.empty(), List.of("store.url=jdbc:h2:mem:x")).store().url())
        .isEqualTo("jdbc:h2:mem:x");
  }
}
