package org.embedwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {
  @TempDir Path work;

  @Test
  void builtInDefaultsApplyWithoutAFile() {
    Settings s = new SettingsLoader(work).load(Optional.empty(), List.of());

    assertThat(s.archiveDir()).isEqualTo(work.resolve("archive"));
    assertThat(s.databaseUrl()).startsWith("jdbc:h2:file:" + work.resolve("archive").resolve("embedwatch"));
    assertThat(s.check().interval()).isEqualTo(Duration.ofHours(24));
    assertThat(s.read().maxBytes()).isEqualTo(52_428_800L);
    assertThat(s.xV1()).isEmpty();
    assertThat(s.source()).isEqualTo("built-in defaults");
  }

  @Test
  void theDefaultFileInTheWorkingDirectoryIsReadAndSetOverridesIt() throws IOException {
    Files.createDirectories(work.resolve("config"));
    Files.writeString(work.resolve("config/embedwatch.properties"),
        "check.interval=PT6H\nnet.route.cdn.syndication.twimg.com=http://127.0.0.1:9/cdn/\n");

    Settings s = new SettingsLoader(work).load(Optional.empty(), List.of("check.interval=P2D"));

    assertThat(s.check().interval()).isEqualTo(Duration.ofDays(2));
    assertThat(s.net().routes()).containsEntry("cdn.syndication.twimg.com", URI.create("http://127.0.0.1:9/cdn"));
    assertThat(s.source()).endsWith("embedwatch.properties");
  }

  @Test
  void unknownKeysAndBadValuesAreNamed() {
    SettingsLoader loader = new SettingsLoader(work);

    assertThatThrownBy(() -> loader.load(Optional.empty(), List.of("check.intervall=PT1H")))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("unknown configuration key 'check.intervall'");
    assertThatThrownBy(() -> loader.load(Optional.empty(), List.of("check.interval=6 hours")))
        .hasMessageContaining("check.interval=6 hours").hasMessageContaining("ISO-8601 duration");
    assertThatThrownBy(() -> loader.load(Optional.empty(), List.of("net.route.x.com=ftp://mirror")))
        .hasMessageContaining("not an http(s) base URL");
    assertThatThrownBy(() -> loader.load(Optional.empty(), List.of("read.max-bytes=0")))
        .hasMessageContaining("read.max-bytes=0").hasMessageContaining("must be a positive number of bytes");
    assertThatThrownBy(() -> loader.load(Optional.empty(), List.of("novalue")))
        .hasMessage("bad --set 'novalue': write it as key=value");
    assertThatThrownBy(() -> loader.load(Optional.empty(), List.of("x.v1.consumer-key=abc")))
        .hasMessageContaining("incomplete X v1.1 credentials");
    assertThatThrownBy(() -> loader.load(Optional.of(work.resolve("nope.properties")), List.of()))
        .hasMessageContaining("nope.properties does not exist");
  }

  @Test
  void credentialsNeverAppearInToString() {
    Settings s = new SettingsLoader(work).load(Optional.empty(), List.of("x.v1.consumer-key=ck-secret",
        "x.v1.consumer-secret=cs-secret", "x.v1.access-token=at-secret", "x.v1.access-token-secret=ats-secret"));

    assertThat(s.xV1()).isPresent();
    assertThat(s.toString()).doesNotContain("secret");
  }
}
